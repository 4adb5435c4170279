using System.Net;
using System.Text.Json;

namespace SimCse.Api.Tests.Jobs;

/// <summary>Scored pairs (CoSENT) and mined hard negatives, over HTTP with the real default model and tiny data.</summary>
[Collection(JobsTestGroup.Name)]
public sealed class NewMethodsEndToEndTests(JobsHost host)
{
    [Fact]
    public async Task A_scored_pairs_job_with_matryoshka_and_gradcache_trains_and_reports_its_method()
    {
        HttpClient client = host.Client;
        string training = await JobsApi.UploadIdAsync(client, Lines("sts/stsb-train.tsv", 24), "fine-tune", "stsb-train.tsv");
        string validation = await JobsApi.UploadIdAsync(client, JobsTestData.StsPairs(20), "evaluation", "stsb-dev.tsv");

        JsonElement created = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            validation_file = validation,
            method = new { type = "scored_pairs", hyperparameters = new { batch_size = 8, max_steps = 2, eval_steps = 2, mini_batch_size = 4, matryoshka_dims = new[] { 384, 128 } } },
        });
        Assert.Equal("scored_pairs", created.GetProperty("method").GetProperty("type").GetString());
        // Unset values come from the scored-pairs recipe.
        Assert.Equal(2e-5, created.GetProperty("hyperparameters").GetProperty("learning_rate").GetDouble(), 10);
        // Matryoshka prefixes distil the full embedding's ranking unless told otherwise.
        Assert.Equal(1.0, created.GetProperty("hyperparameters").GetProperty("matryoshka_distillation").GetDouble(), 10);

        string jobId = created.GetProperty("id").GetString()!;
        JsonElement job = await JobsApi.WaitForJobAsync(client, jobId, JobsApi.IsFinished, TimeSpan.FromMinutes(5));
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.StartsWith("ft:all-MiniLM-L6-v2:", job.GetProperty("fine_tuned_model").GetString(), StringComparison.Ordinal);
        // The evaluation event scores each Matryoshka size; the full size is the plain validation Spearman.
        JsonElement events = (await JobsApi.GetJsonAsync(client, $"/v1/fine_tuning/jobs/{jobId}/events")).GetProperty("data");
        JsonElement evaluated = events.EnumerateArray()
            .Select(e => e.TryGetProperty("data", out JsonElement data) ? data : default)
            .Single(data => data.ValueKind == JsonValueKind.Object && data.TryGetProperty("valid_spearman", out _));
        JsonElement byDimensions = evaluated.GetProperty("valid_spearman_by_dimensions");
        Assert.Equal(["384", "128"], byDimensions.EnumerateObject().Select(entry => entry.Name));
        Assert.Equal(evaluated.GetProperty("valid_spearman").GetDouble(), byDimensions.GetProperty("384").GetDouble(), 9);
        Assert.InRange(byDimensions.GetProperty("128").GetDouble(), -100, 100);
    }

    [Fact]
    public async Task A_pairs_job_with_mine_hard_negatives_reports_how_many_it_mined()
    {
        HttpClient client = host.Client;
        string pairs = string.Join('\n', Lines("train/nli_triplets.tsv", 24).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => string.Join('\t', line.Split('\t').Take(2)))) + "\n";
        string training = await JobsApi.UploadIdAsync(client, pairs, "fine-tune", "pairs.tsv");

        JsonElement created = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            method = new { type = "supervised", hyperparameters = new { batch_size = 8, max_steps = 2, eval_steps = 2, mine_hard_negatives = true, mining_margin = 0.05 } },
        });
        string jobId = created.GetProperty("id").GetString()!;

        JsonElement job = await JobsApi.WaitForJobAsync(client, jobId, JobsApi.IsFinished, TimeSpan.FromMinutes(5));
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        JsonElement events = (await JobsApi.GetJsonAsync(client, $"/v1/fine_tuning/jobs/{jobId}/events")).GetProperty("data");
        JsonElement mined = events.EnumerateArray().Single(e => e.TryGetProperty("data", out JsonElement data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("mined_negatives", out _));
        Assert.Equal(24, mined.GetProperty("data").GetProperty("pairs_without_negative").GetInt32());
        Assert.InRange(mined.GetProperty("data").GetProperty("mined_negatives").GetInt32(), 1, 24);
    }

    [Fact]
    public async Task A_scored_pairs_file_for_a_supervised_job_and_bad_matryoshka_dims_are_400s_naming_the_problem()
    {
        HttpClient client = host.Client;
        string jsonl = """{"sentence1": "A man plays.", "sentence2": "A man is playing.", "score": 4.5}""" + "\n"
            + """{"sentence1": "A cat sat.", "sentence2": "The stock fell.", "score": 0.2}""" + "\n";
        string training = await JobsApi.UploadIdAsync(client, jsonl, "fine-tune", "scored.jsonl");

        JsonElement wrongMethod = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs",
            new { model = "all-MiniLM-L6-v2", training_file = training, method = new { type = "supervised" } }, HttpStatusCode.BadRequest);
        Assert.Contains("scored pairs", wrongMethod.GetProperty("detail").GetString(), StringComparison.Ordinal);

        JsonElement badDims = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs",
            new { model = "all-MiniLM-L6-v2", training_file = training, method = new { type = "scored_pairs", hyperparameters = new { matryoshka_dims = new[] { 128, 128 } } } },
            HttpStatusCode.BadRequest);
        Assert.Contains("matryoshka_dims", badDims.GetProperty("detail").GetString(), StringComparison.Ordinal);

        JsonElement badDistillation = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs",
            new { model = "all-MiniLM-L6-v2", training_file = training, method = new { type = "scored_pairs", hyperparameters = new { matryoshka_dims = new[] { 384, 128 }, matryoshka_distillation = -1 } } },
            HttpStatusCode.BadRequest);
        Assert.Contains("matryoshka_distillation", badDistillation.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static string Lines(string relative, int count) =>
        string.Join('\n', File.ReadLines(Path.Combine(JobsTestData.DataDirectory, relative)).Where(line => !string.IsNullOrWhiteSpace(line)).Take(count)) + "\n";
}
