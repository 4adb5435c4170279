using Microsoft.Extensions.AI;

namespace SimCse.Client.Tests;

/// <summary><see cref="SimCseClient"/> against the real service: similarity, and a tiny fine-tuning run through upload, job, wait and activate.</summary>
[Collection(SharedService.Name)]
public sealed class SimCseClientTests(ServiceHost service)
{
    [Fact]
    public async Task SimilarityScoresAreCosinesOfTheGeneratorsVectors()
    {
        using var client = new SimCseClient(service.BaseAddress);
        using var generator = new SimCseEmbeddingGenerator(service.BaseAddress);
        string[] candidates = ["Someone plays an instrument.", "A chef is cooking pasta."];

        SimilarityResult result = await client.SimilarityAsync("A man is playing a guitar.", candidates);
        SimilarityResult pairs = await client.PairSimilarityAsync([("A man is playing a guitar.", candidates[0])]);

        GeneratedEmbeddings<Embedding<float>> vectors = await generator.GenerateAsync(["A man is playing a guitar.", .. candidates]);
        Assert.Equal(ServiceHost.ModelId, result.Model);
        Assert.Equal(2, result.Scores.Count);
        Assert.Equal(EmbeddingGeneratorTests.Cosine(vectors[0].Vector.Span, vectors[1].Vector.Span), result.Scores[0], 4);
        Assert.Equal(EmbeddingGeneratorTests.Cosine(vectors[0].Vector.Span, vectors[2].Vector.Span), result.Scores[1], 4);
        Assert.True(result.Scores[0] > result.Scores[1]);
        Assert.Equal(result.Scores[0], pairs.Scores[0], 4);
    }

    [Fact]
    public async Task FineTuneWaitWithProgressAndActivate()
    {
        using var client = new SimCseClient(new HttpClient(), new SimCseClientOptions { Endpoint = service.BaseAddress, PollInterval = TimeSpan.FromMilliseconds(200) });
        string sentences = string.Join('\n', File.ReadLines(Path.Combine(ServiceHost.SharedData, "train", "unlabeled.txt")).Where(line => line.Trim().Length > 0).Take(64));
        string validation = string.Join('\n', File.ReadLines(Path.Combine(ServiceHost.SharedData, "sts", "stsb-dev.tsv")).Where(line => line.Trim().Length > 0).Take(40));

        SimCseFile training = await UploadAsync(client, sentences, "sentences.txt", SimCseFile.FineTunePurpose);
        SimCseFile valid = await UploadAsync(client, validation, "dev.tsv", SimCseFile.EvaluationPurpose);
        FineTuningJob created = await client.CreateFineTuningJobAsync(new FineTuningJobRequest(ServiceHost.ModelId, training.Id)
        {
            ValidationFile = valid.Id,
            Method = FineTuningMethod.Unsupervised(new FineTuningHyperparameters { BatchSize = 8, MaxSteps = 4, EvalSteps = 2, LearningRate = 1e-4 }),
        });
        var reports = new List<FineTuningJob>();
        FineTuningJob finished = await client.WaitForFineTuningJobAsync(created.Id, new SynchronousProgress(reports.Add));

        Assert.Equal("succeeded", finished.Status);
        Assert.Equal(4, finished.Progress!.Step);
        Assert.NotEmpty(reports);
        Assert.Equal(finished, reports[^1]);
        Assert.StartsWith($"ft:{ServiceHost.ModelId}:{created.Id}:step-", finished.FineTunedModel, StringComparison.Ordinal);

        SimCseModel activated = await client.ActivateModelAsync(finished.FineTunedModel!);
        try
        {
            Assert.True(activated.Active);
            using var generator = new SimCseEmbeddingGenerator(service.BaseAddress);
            Embedding<float> embedding = await generator.GenerateAsync("A man is playing a guitar.");
            Assert.Equal(finished.FineTunedModel, embedding.ModelId);
        }
        finally
        {
            await client.ActivateModelAsync(ServiceHost.ModelId);
        }
    }

    private static async Task<SimCseFile> UploadAsync(SimCseClient client, string text, string name, string purpose)
    {
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text + "\n"));
        SimCseFile file = await client.UploadFileAsync(content, name, purpose);
        Assert.Equal(purpose, file.Purpose);
        return file;
    }

    /// <summary><see cref="Progress{T}"/> posts to the thread pool; this reports in order, on the caller.</summary>
    private sealed class SynchronousProgress(Action<FineTuningJob> report) : IProgress<FineTuningJob>
    {
        public void Report(FineTuningJob value) => report(value);
    }
}
