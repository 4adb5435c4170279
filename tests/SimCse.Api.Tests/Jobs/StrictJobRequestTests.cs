using System.Net;
using System.Text.Json;

namespace SimCse.Api.Tests.Jobs;

/// <summary>
/// A typo in a job request must be a 400 naming the field, never a job that quietly trains on the defaults
/// (reproduced on main: <c>learning_rte</c> and an unknown top-level field were accepted and queued).
/// </summary>
[Collection(JobsTestGroup.Name)]
public sealed class StrictJobRequestTests(JobsHost host)
{
    [Fact]
    public async Task AnUnknownHyperparameterIsRefusedNamingIt()
    {
        string training = await JobsApi.UploadIdAsync(host.Client, JobsTestData.Sentences(10), "fine-tune");
        int before = await JobCountAsync();
        JsonElement problem = await JobsApi.PostJsonAsync(host.Client, "/v1/fine_tuning/jobs", new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            method = new { type = "unsupervised", hyperparameters = new { learning_rte = 0.5, max_steps = 1 } },
        }, HttpStatusCode.BadRequest);
        Assert.Contains("learning_rte", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await JobCountAsync());
    }

    [Fact]
    public async Task AnUnknownTopLevelFieldIsRefusedNamingIt()
    {
        string training = await JobsApi.UploadIdAsync(host.Client, JobsTestData.Sentences(10), "fine-tune");
        int before = await JobCountAsync();
        JsonElement problem = await JobsApi.PostJsonAsync(host.Client, "/v1/fine_tuning/jobs", new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            auto_activte = true,
            method = new { type = "unsupervised", hyperparameters = new { max_steps = 1 } },
        }, HttpStatusCode.BadRequest);
        Assert.Contains("auto_activte", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await JobCountAsync());
    }

    [Fact]
    public async Task AnUnknownMethodFieldIsRefusedNamingIt()
    {
        string training = await JobsApi.UploadIdAsync(host.Client, JobsTestData.Sentences(10), "fine-tune");
        JsonElement problem = await JobsApi.PostJsonAsync(host.Client, "/v1/fine_tuning/jobs", new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            method = new { type = "unsupervised", hyperparameter = new { max_steps = 1 } },
        }, HttpStatusCode.BadRequest);
        Assert.Contains("hyperparameter", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOverBudgetJobIsRefusedWith400NamingTheField()
    {
        string training = await JobsApi.UploadIdAsync(host.Client, JobsTestData.Sentences(10), "fine-tune");
        JsonElement problem = await JobsApi.PostJsonAsync(host.Client, "/v1/fine_tuning/jobs", new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            method = new { type = "unsupervised", hyperparameters = new { batch_size = 1000, max_seq_length = 256, max_steps = 1 } },
        }, HttpStatusCode.BadRequest);
        Assert.Contains("batch_size", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("MaxActivationBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFinishedJobCanBeDeletedAndAQueuedOneCannot()
    {
        string training = await JobsApi.UploadIdAsync(host.Client, JobsTestData.Sentences(10), "fine-tune");
        var request = new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            method = new { type = "unsupervised", hyperparameters = new { batch_size = 4, max_steps = 1, eval_steps = 1 } },
        };
        string id = (await JobsApi.PostJsonAsync(host.Client, "/v1/fine_tuning/jobs", request)).GetProperty("id").GetString()!;
        using (HttpResponseMessage early = await host.Client.DeleteAsync(new Uri($"/v1/fine_tuning/jobs/{id}", UriKind.Relative)))
        {
            // Queued or running: not deletable (it may finish in between, then the delete is fine).
            if (early.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
                await JobsApi.WaitForJobAsync(host.Client, id, JobsApi.IsFinished, TimeSpan.FromMinutes(3));
                using HttpResponseMessage deleted = await host.Client.DeleteAsync(new Uri($"/v1/fine_tuning/jobs/{id}", UriKind.Relative));
                JsonElement body = await JobsApi.ReadAsync(deleted, HttpStatusCode.OK);
                Assert.True(body.GetProperty("deleted").GetBoolean());
            }
        }
        await JobsApi.GetJsonAsync(host.Client, $"/v1/fine_tuning/jobs/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task JobListsAndEventsPageWithACursor()
    {
        string training = await JobsApi.UploadIdAsync(host.Client, JobsTestData.Sentences(10), "fine-tune");
        var request = new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            method = new { type = "unsupervised", hyperparameters = new { batch_size = 4, max_steps = 1, eval_steps = 1 } },
        };
        for (int i = 0; i < 3; i++)
        {
            await JobsApi.PostJsonAsync(host.Client, "/v1/fine_tuning/jobs", request);
        }
        JsonElement first = await JobsApi.GetJsonAsync(host.Client, "/v1/fine_tuning/jobs?limit=2");
        Assert.Equal(2, first.GetProperty("data").GetArrayLength());
        Assert.True(first.GetProperty("has_more").GetBoolean());
        string last = first.GetProperty("data")[1].GetProperty("id").GetString()!;
        JsonElement second = await JobsApi.GetJsonAsync(host.Client, $"/v1/fine_tuning/jobs?limit=2&after={last}");
        Assert.DoesNotContain(second.GetProperty("data").EnumerateArray(), job => job.GetProperty("id").GetString() == last);
        Assert.NotEqual(first.GetProperty("data")[0].GetProperty("id").GetString(), second.GetProperty("data")[0].GetProperty("id").GetString());

        string job = first.GetProperty("data")[0].GetProperty("id").GetString()!;
        JsonElement events = await JobsApi.GetJsonAsync(host.Client, $"/v1/fine_tuning/jobs/{job}/events?limit=1");
        Assert.Equal(1, events.GetProperty("data").GetArrayLength());
        Assert.True(events.GetProperty("has_more").GetBoolean());
        string firstEvent = events.GetProperty("data")[0].GetProperty("id").GetString()!;
        JsonElement next = await JobsApi.GetJsonAsync(host.Client, $"/v1/fine_tuning/jobs/{job}/events?limit=1&after={firstEvent}");
        Assert.NotEqual(firstEvent, next.GetProperty("data")[0].GetProperty("id").GetString());
        await JobsApi.GetJsonAsync(host.Client, $"/v1/fine_tuning/jobs?after=ftjob-nosuchjob", HttpStatusCode.BadRequest);
        await JobsApi.GetJsonAsync(host.Client, $"/v1/fine_tuning/jobs?limit=0", HttpStatusCode.BadRequest);
    }

    private async Task<int> JobCountAsync() =>
        (await JobsApi.GetJsonAsync(host.Client, "/v1/fine_tuning/jobs?limit=100")).GetProperty("data").GetArrayLength();
}
