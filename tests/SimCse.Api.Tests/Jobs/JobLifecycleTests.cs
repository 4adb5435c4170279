using System.Net;
using System.Text.Json;

namespace SimCse.Api.Tests.Jobs;

/// <summary>Cancel, validation and unknown ids.</summary>
[Collection(JobsTestGroup.Name)]
public sealed class JobLifecycleTests(JobsHost host)
{
    [Fact]
    public async Task CancelStopsARunningJobKeepingItsCheckpointAndCancelsAQueuedOneAtOnce()
    {
        HttpClient client = host.Client;
        string training = await JobsApi.UploadIdAsync(client, JobsTestData.Sentences(40), "fine-tune");
        var request = new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            method = new { type = "unsupervised", hyperparameters = new { batch_size = 8, n_epochs = 100, max_steps = 400, eval_steps = 1000 } },
        };
        string first = (await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", request)).GetProperty("id").GetString()!;
        string second = (await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", request)).GetProperty("id").GetString()!;

        // Jobs created within the same second may start in either order (created_at has seconds); the worker runs
        // one at a time, so once one has taken a step the other is certainly still queued.
        string running = await FirstToStepAsync(client, first, second);
        string queued = running == first ? second : first;
        JsonElement cancelledQueued = await JobsApi.PostJsonAsync(client, $"/v1/fine_tuning/jobs/{queued}/cancel", new { });
        Assert.Equal("cancelled", cancelledQueued.GetProperty("status").GetString());

        await JobsApi.PostJsonAsync(client, $"/v1/fine_tuning/jobs/{running}/cancel", new { });
        JsonElement job = await JobsApi.WaitForJobAsync(client, running, JobsApi.IsFinished, TimeSpan.FromMinutes(2));
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.True(job.GetProperty("progress").GetProperty("step").GetInt32() < 400);

        JsonElement checkpoints = (await JobsApi.GetJsonAsync(client, $"/v1/fine_tuning/jobs/{running}/checkpoints")).GetProperty("data");
        Assert.Equal(1, checkpoints.GetArrayLength());
        Assert.Equal(job.GetProperty("fine_tuned_model").GetString(), checkpoints[0].GetProperty("fine_tuned_model_checkpoint").GetString());

        // A finished job cannot be cancelled again into another state.
        JsonElement again = await JobsApi.PostJsonAsync(client, $"/v1/fine_tuning/jobs/{running}/cancel", new { });
        Assert.Equal("cancelled", again.GetProperty("status").GetString());
        Assert.Equal("cancelled", (await JobsApi.GetJsonAsync(client, $"/v1/fine_tuning/jobs/{queued}")).GetProperty("status").GetString());
    }

    private static async Task<string> FirstToStepAsync(HttpClient client, string first, string second)
    {
        // A deadline only so a broken worker fails the test instead of hanging it; not a timing assertion.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            foreach (string id in (string[])[first, second])
            {
                JsonElement job = await JobsApi.GetJsonAsync(client, $"/v1/fine_tuning/jobs/{id}");
                if (job.GetProperty("progress").ValueKind == JsonValueKind.Object && job.GetProperty("progress").GetProperty("step").GetInt32() >= 1)
                {
                    return id;
                }
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }

    [Fact]
    public async Task ASupervisedJobTrainsOnTriplets()
    {
        HttpClient client = host.Client;
        string triplets = string.Join('\n', File.ReadLines(Path.Combine(JobsTestData.DataDirectory, "train", "nli_triplets.tsv")).Take(24)) + "\n";
        string training = await JobsApi.UploadIdAsync(client, triplets, "fine-tune", "nli.tsv");
        JsonElement created = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            method = new { type = "supervised", hyperparameters = new { batch_size = 8, max_steps = 2, eval_steps = 2, hard_negative_weight = 0.0 } },
            suffix = "nli",
        });
        Assert.Equal("supervised", created.GetProperty("method").GetProperty("type").GetString());
        Assert.Equal("nli", created.GetProperty("suffix").GetString());
        JsonElement job = await JobsApi.WaitForJobAsync(client, created.GetProperty("id").GetString()!, JobsApi.IsFinished, TimeSpan.FromMinutes(5));
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Contains(":step-2", job.GetProperty("fine_tuned_model").GetString(), StringComparison.Ordinal);

        JsonElement jobs = (await JobsApi.GetJsonAsync(client, "/v1/fine_tuning/jobs")).GetProperty("data");
        Assert.Contains(jobs.EnumerateArray(), j => j.GetProperty("id").GetString() == job.GetProperty("id").GetString());
    }

    [Fact]
    public async Task EvaluationDefaultsToTheActiveModelAndNeedsAnEvaluationFile()
    {
        HttpClient client = host.Client;
        string evaluation = await JobsApi.UploadIdAsync(client, JobsTestData.StsPairs(20), "evaluation");
        string training = await JobsApi.UploadIdAsync(client, JobsTestData.Sentences(5), "fine-tune");

        JsonElement result = await JobsApi.PostJsonAsync(client, "/v1/evaluations", new { file = evaluation });
        Assert.Equal("all-MiniLM-L6-v2", result.GetProperty("model").GetString());
        Assert.Equal(20, result.GetProperty("pairs").GetInt32());
        Assert.InRange(result.GetProperty("spearman").GetDouble(), 50, 100);
        Assert.InRange(result.GetProperty("uniformity").GetDouble(), -4, 0);

        JsonElement wrongPurpose = await JobsApi.PostJsonAsync(client, "/v1/evaluations", new { file = training }, HttpStatusCode.BadRequest);
        Assert.Contains("'file'", wrongPurpose.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await JobsApi.PostJsonAsync(client, "/v1/evaluations", new { file = "file-nope" }, HttpStatusCode.NotFound);
        await JobsApi.PostJsonAsync(client, "/v1/evaluations", new { file = evaluation, model = "no-such-model" }, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/v1/fine_tuning/jobs/ftjob-nope")]
    [InlineData("/v1/fine_tuning/jobs/ftjob-nope/events")]
    [InlineData("/v1/fine_tuning/jobs/ftjob-nope/checkpoints")]
    [InlineData("/v1/fine_tuning/jobs/ftjob-nope/report")]
    [InlineData("/v1/files/file-nope")]
    public async Task UnknownIdsAre404(string path)
    {
        using HttpResponseMessage response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CancelOfAnUnknownJobIs404()
    {
        await JobsApi.PostJsonAsync(host.Client, "/v1/fine_tuning/jobs/ftjob-nope/cancel", new { }, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task InvalidJobsAreRefusedNamingTheField()
    {
        HttpClient client = host.Client;
        string training = await JobsApi.UploadIdAsync(client, JobsTestData.Sentences(10), "fine-tune");
        string evaluation = await JobsApi.UploadIdAsync(client, JobsTestData.StsPairs(5), "evaluation");
        int jobsBefore = (await JobsApi.GetJsonAsync(client, "/v1/fine_tuning/jobs?limit=100")).GetProperty("data").GetArrayLength();

        JsonElement unknownModel = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", new { model = "no-such-model", training_file = training }, HttpStatusCode.NotFound);
        Assert.Contains("no-such-model", unknownModel.GetProperty("detail").GetString(), StringComparison.Ordinal);

        JsonElement missingFile = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", new { model = "all-MiniLM-L6-v2", training_file = "file-missing" }, HttpStatusCode.NotFound);
        Assert.Contains("training_file", missingFile.GetProperty("detail").GetString(), StringComparison.Ordinal);

        JsonElement wrongPurpose = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", new { model = "all-MiniLM-L6-v2", training_file = evaluation }, HttpStatusCode.BadRequest);
        Assert.Contains("training_file", wrongPurpose.GetProperty("detail").GetString(), StringComparison.Ordinal);

        JsonElement wrongMethod = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs",
            new { model = "all-MiniLM-L6-v2", training_file = training, method = new { type = "supervised" } }, HttpStatusCode.BadRequest);
        Assert.Contains("method.type", wrongMethod.GetProperty("detail").GetString(), StringComparison.Ordinal);

        JsonElement badHyperparameter = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs",
            new { model = "all-MiniLM-L6-v2", training_file = training, method = new { type = "unsupervised", hyperparameters = new { batch_size = 1 } } }, HttpStatusCode.BadRequest);
        Assert.Contains("batch_size", badHyperparameter.GetProperty("detail").GetString(), StringComparison.Ordinal);

        JsonElement wrongValidation = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs",
            new { model = "all-MiniLM-L6-v2", training_file = training, validation_file = training }, HttpStatusCode.BadRequest);
        Assert.Contains("validation_file", wrongValidation.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Refused requests leave no job behind.
        Assert.Equal(jobsBefore, (await JobsApi.GetJsonAsync(client, "/v1/fine_tuning/jobs?limit=100")).GetProperty("data").GetArrayLength());
    }
}
