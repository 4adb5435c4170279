using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using SimCse.Api.Tests.Jobs;
using SimCse.Api.Tests.Persistence;

namespace SimCse.Api.Tests.Fleet;

/// <summary>
/// Two service processes, one PostgreSQL, one data directory (issue 12's acceptance 2, the in-CI version; bench/replicas.sh
/// runs it with three replicas and records times): files are shared, jobs submitted to different replicas run exactly
/// once, an activation through one replica reaches the other with no failed request under load, and kill -9 of the
/// replica running a job leaves it settled (failed, interrupted) by the survivor.
/// </summary>
public sealed class MultiReplicaTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);

    [PostgresFact]
    public async Task TwoReplicasShareFilesRunEachJobOnceConvergeOnActivationAndSettleADeadReplicasJob()
    {
        await using ReplicaFleet fleet = await ReplicaFleet.StartAsync(2, 18310, Lease);
        HttpClient a = fleet.Client(0);
        HttpClient b = fleet.Client(1);

        // A file uploaded to one replica is visible on the other.
        string training = await JobsApi.UploadIdAsync(a, JobsTestData.Sentences(12), "fine-tune");
        JsonElement seen = await JobsApi.GetJsonAsync(b, $"/v1/files/{training}");
        Assert.Equal(training, seen.GetProperty("id").GetString());

        // Jobs submitted to different replicas each run exactly once.
        var request = new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            method = new { type = "unsupervised", hyperparameters = new { batch_size = 4, max_steps = 1, eval_steps = 1 } },
        };
        var ids = new List<string>();
        foreach (HttpClient client in new[] { a, b, a, b })
        {
            ids.Add((await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", request)).GetProperty("id").GetString()!);
        }
        var finished = new List<JsonElement>();
        foreach (string id in ids)
        {
            finished.Add(await JobsApi.WaitForJobAsync(b, id, JobsApi.IsFinished, TimeSpan.FromMinutes(5)));
        }
        foreach (JsonElement job in finished)
        {
            Assert.Equal("succeeded", job.GetProperty("status").GetString());
            string worker = job.GetProperty("worker").GetString()!;
            Assert.Contains(worker, fleet.Ids);
            JsonElement events = (await JobsApi.GetJsonAsync(a, $"/v1/fine_tuning/jobs/{job.GetProperty("id").GetString()}/events?limit=100")).GetProperty("data");
            var started = events.EnumerateArray().Select(e => e.GetProperty("message").GetString()!).Where(m => m.StartsWith("Started on ", StringComparison.Ordinal)).ToList();
            Assert.Equal([$"Started on {worker}"], started);
        }

        // Activation through one replica: every replica serves the new model, with no failed request meanwhile.
        string checkpoint = finished[0].GetProperty("fine_tuned_model").GetString()!;
        using var load = new CancellationTokenSource();
        var failures = new ConcurrentBag<string>();
        Task[] clients = [.. new[] { a, b }.SelectMany(client => Enumerable.Range(0, 2).Select(_ => LoadAsync(client, failures, load.Token)))];
        await JobsApi.PostJsonAsync(a, $"/v1/models/{Uri.EscapeDataString(checkpoint)}/activate", new { });
        await WaitUntilServedAsync(b, checkpoint);
        await load.CancelAsync();
        await Task.WhenAll(clients);
        Assert.Empty(failures);
        JsonElement model = await JobsApi.GetJsonAsync(a, $"/v1/models/{Uri.EscapeDataString(checkpoint)}");
        JsonElement replicas = model.GetProperty("replicas");
        Assert.Equal(fleet.Ids.Order(), replicas.EnumerateArray().Select(r => r.GetProperty("replica").GetString()!).Order());
        Assert.All(replicas.EnumerateArray(), r => Assert.Equal("serving", r.GetProperty("state").GetString()));

        // kill -9 of the replica running a job: the survivor settles it once the lease expires.
        string longJob = (await JobsApi.PostJsonAsync(a, "/v1/fine_tuning/jobs", new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            method = new { type = "unsupervised", hyperparameters = new { batch_size = 4, n_epochs = 1000, max_steps = 100000, eval_steps = 100000 } },
        })).GetProperty("id").GetString()!;
        JsonElement running = await JobsApi.WaitForJobAsync(a, longJob, job => job.GetProperty("status").GetString() == "running", TimeSpan.FromMinutes(2));
        int victim = fleet.IndexOf(running.GetProperty("worker").GetString()!);
        fleet.Kill(victim);
        HttpClient survivor = fleet.Client(1 - victim);
        JsonElement settled = await JobsApi.WaitForJobAsync(survivor, longJob, JobsApi.IsFinished, TimeSpan.FromMinutes(2));
        Assert.Equal("failed", settled.GetProperty("status").GetString());
        Assert.Equal("interrupted", settled.GetProperty("error").GetProperty("code").GetString());
        // The survivor still serves.
        Assert.Equal(checkpoint, (await JobsApi.PostJsonAsync(survivor, "/v1/embeddings", new { input = "after the crash" })).GetProperty("model").GetString());
    }

    private static async Task WaitUntilServedAsync(HttpClient client, string model)
    {
        DateTime deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await JobsApi.PostJsonAsync(client, "/v1/embeddings", new { input = "which model?" })).GetProperty("model").GetString() != model)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{model} never served");
            await Task.Delay(100);
        }
    }

    private static async Task LoadAsync(HttpClient client, ConcurrentBag<string> failures, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using HttpResponseMessage response = await client.PostAsJsonAsync(new Uri("/v1/embeddings", UriKind.Relative), new { input = "load during the swap" }, CancellationToken.None);
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
            }
            catch (HttpRequestException ex)
            {
                failures.Add(ex.Message);
            }
        }
    }
}
