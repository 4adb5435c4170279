using System.Net;
using System.Text.Json;
using SimCse.Core.Tokenization;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;

namespace SimCse.Api.Tests.Jobs;

/// <summary>Upload → job → checkpoints → activation → serving, over HTTP with the real default model and tiny data.</summary>
[Collection(JobsTestGroup.Name)]
public sealed class FineTuningEndToEndTests(JobsHost host)
{
    private static readonly string[] Probe = ["A man is playing a guitar.", "The weather is lovely today."];

    [Fact]
    public async Task JobTrainsCheckpointsActivatesAndServesTheNewModel()
    {
        HttpClient client = host.Client;
        string training = await JobsApi.UploadIdAsync(client, JobsTestData.Sentences(40), "fine-tune", "unlabeled.txt");
        string validation = await JobsApi.UploadIdAsync(client, JobsTestData.StsPairs(30), "evaluation", "stsb-dev.tsv");
        float[][] before = await EmbedAsync(client, "all-MiniLM-L6-v2");

        JsonElement created = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            validation_file = validation,
            method = new { type = "unsupervised", hyperparameters = new { batch_size = 8, max_steps = 4, eval_steps = 2, learning_rate = 1e-4 } },
            seed = 7,
        });
        string jobId = created.GetProperty("id").GetString()!;
        Assert.StartsWith("ftjob-", jobId, StringComparison.Ordinal);
        Assert.Equal("fine_tuning.job", created.GetProperty("object").GetString());
        Assert.Equal("queued", created.GetProperty("status").GetString());
        Assert.Equal(8, created.GetProperty("hyperparameters").GetProperty("batch_size").GetInt32());

        JsonElement job = await JobsApi.WaitForJobAsync(client, jobId, JobsApi.IsFinished, TimeSpan.FromMinutes(5));
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(4, job.GetProperty("progress").GetProperty("step").GetInt32());
        Assert.Equal(4, job.GetProperty("progress").GetProperty("total_steps").GetInt32());
        Assert.True(job.GetProperty("finished_at").GetInt64() > 0);
        string fineTuned = job.GetProperty("fine_tuned_model").GetString()!;
        Assert.StartsWith($"ft:all-MiniLM-L6-v2:{jobId}:step-", fineTuned, StringComparison.Ordinal);

        JsonElement checkpoints = (await JobsApi.GetJsonAsync(client, $"/v1/fine_tuning/jobs/{jobId}/checkpoints")).GetProperty("data");
        Assert.InRange(checkpoints.GetArrayLength(), 1, 2);
        JsonElement best = checkpoints.EnumerateArray().Single(c => c.GetProperty("fine_tuned_model_checkpoint").GetString() == fineTuned);
        Assert.Equal("fine_tuning.job.checkpoint", best.GetProperty("object").GetString());
        Assert.True(best.GetProperty("metrics").GetProperty("valid_spearman").GetDouble() is > -100 and < 100);
        Assert.True(best.GetProperty("metrics").GetProperty("uniformity").GetDouble() < 0);

        JsonElement events = (await JobsApi.GetJsonAsync(client, $"/v1/fine_tuning/jobs/{jobId}/events")).GetProperty("data");
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("type").GetString() == "metrics" && e.GetProperty("data").TryGetProperty("learning_rate", out _));
        Assert.Equal(2, events.EnumerateArray().Count(e => e.GetProperty("type").GetString() == "metrics" && e.GetProperty("data").TryGetProperty("valid_spearman", out _)));

        JsonElement listed = await JobsApi.GetJsonAsync(client, $"/v1/models/{Uri.EscapeDataString(fineTuned)}");
        Assert.Equal("all-MiniLM-L6-v2", listed.GetProperty("base_model").GetString());
        Assert.True(listed.GetProperty("metrics").TryGetProperty("valid_spearman", out _));

        await JobsApi.PostJsonAsync(client, $"/v1/models/{Uri.EscapeDataString(fineTuned)}/activate", new { });
        (string servedBy, float[][] after) = await EmbedWithModelAsync(client, null);
        Assert.Equal(fineTuned, servedBy);
        Assert.True(Cosine(before[0], after[0]) < 0.999999, "fine-tuning should change the vectors");

        // A "fresh process" equivalent: load the checkpoint folder directly and compare with what the service served.
        string folder = Path.Combine(host.Factory.DataDirectory, "checkpoints", jobId, fineTuned[(fineTuned.LastIndexOf(':') + 1)..]);
        using SentenceEncoder loaded = ModelLoader.LoadFolder(folder, new EncoderOptions { DType = ModelLoader.AutoDType }, fineTuned);
        float[][] local = loaded.Embed(Probe.Select(text => loaded.Tokenizer.Encode(text, loaded.Tokenizer.MaxLength)).ToArray<TokenizedInput>());
        for (int i = 0; i < Probe.Length; i++)
        {
            Assert.True(Cosine(local[i], after[i]) >= 0.99999, $"probe {i}: cosine {Cosine(local[i], after[i])}");
        }

        JsonElement evaluation = await JobsApi.PostJsonAsync(client, "/v1/evaluations", new { model = fineTuned, file = validation });
        Assert.Equal(fineTuned, evaluation.GetProperty("model").GetString());
        Assert.Equal(30, evaluation.GetProperty("pairs").GetInt32());
        Assert.InRange(evaluation.GetProperty("spearman").GetDouble(), -100, 100);

        using HttpResponseMessage report = await client.GetAsync(new Uri($"/v1/fine_tuning/jobs/{jobId}/report", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("image/svg+xml", report.Content.Headers.ContentType?.MediaType);
        string svg = await report.Content.ReadAsStringAsync();
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("Alignment vs uniformity", svg, StringComparison.Ordinal);

        // Put the default model back so other tests in the collection see the packaged model active.
        await JobsApi.PostJsonAsync(client, "/v1/models/all-MiniLM-L6-v2/activate", new { });
    }

    private static async Task<float[][]> EmbedAsync(HttpClient client, string? model) => (await EmbedWithModelAsync(client, model)).Vectors;

    private static async Task<(string Model, float[][] Vectors)> EmbedWithModelAsync(HttpClient client, string? model)
    {
        JsonElement body = await JobsApi.PostJsonAsync(client, "/v1/embeddings", model is null ? (object)new { input = Probe } : new { input = Probe, model });
        float[][] vectors = body.GetProperty("data").EnumerateArray()
            .Select(item => item.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
        return (body.GetProperty("model").GetString()!, vectors);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }
}
