using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using SimCse.Api.Configuration;
using SimCse.Api.Jobs;
using SimCse.Api.Tests.Persistence;

namespace SimCse.Api.Tests.Jobs;

/// <summary>
/// A worker exception fails that job only: the service keeps serving and the next job runs (issue 12, acceptance 3).
/// Once with a trainer that throws, once with the database taken away (PostgreSQL refusing connections) mid-job.
/// </summary>
public sealed class WorkerResilienceTests
{
    [Fact]
    public async Task ATrainerThatThrowsFailsThatJobAndTheNextJobRuns()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(DatabaseOptions.Sqlite, migrate: false);
        await using var factory = new ScriptedFactory(database);
        factory.Trainer.BeforeJob = (number, _) =>
        {
            if (number == 1)
            {
                throw new InvalidOperationException("simulated trainer crash");
            }
        };
        using HttpClient client = factory.CreateClient();
        await JobsApi.WaitReadyAsync(client);
        (JsonElement first, JsonElement second) = await RunTwoJobsAsync(client);
        Assert.Equal("failed", first.GetProperty("status").GetString());
        Assert.Equal("training_failed", first.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("simulated trainer crash", first.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("succeeded", second.GetProperty("status").GetString());
        Assert.Equal("all-MiniLM-L6-v2", (await JobsApi.PostJsonAsync(client, "/v1/embeddings", new { input = "still serving" })).GetProperty("model").GetString());
    }

    [PostgresFact]
    public async Task TheDatabaseDisappearingMidJobFailsThatJobAndTheNextJobRuns()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(DatabaseOptions.Postgres, migrate: false);
        await using var factory = new ScriptedFactory(database);
        string name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        bool served = false;
        Task outage = Task.CompletedTask;
        factory.Trainer.AfterFirstStep = number =>
        {
            if (number != 1)
            {
                return;
            }
            // The database goes away for longer than the worker's retries of a progress write, then comes back.
            Admin($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false");
            Admin($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
            NpgsqlConnection.ClearAllPools();
            outage = Task.Run(async () =>
            {
                using HttpClient during = factory.CreateClient();
                // Serving needs no database.
                using var body = new StringContent("{\"input\":\"db down\"}", System.Text.Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await during.PostAsync(new Uri("/v1/embeddings", UriKind.Relative), body);
                served = response.IsSuccessStatusCode;
                await Task.Delay(TimeSpan.FromSeconds(8));
                Admin($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS true");
            });
        };
        using HttpClient client = factory.CreateClient();
        await JobsApi.WaitReadyAsync(client);
        (JsonElement first, JsonElement second) = await RunTwoJobsAsync(client, steps: 40);
        await outage;
        Assert.True(served);
        Assert.Equal("failed", first.GetProperty("status").GetString());
        Assert.Equal("database_unavailable", first.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("succeeded", second.GetProperty("status").GetString());
    }

    private static async Task<(JsonElement First, JsonElement Second)> RunTwoJobsAsync(HttpClient client, int steps = 1)
    {
        string training = await JobsApi.UploadIdAsync(client, JobsTestData.Sentences(12), "fine-tune");
        var failing = new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            method = new { type = "unsupervised", hyperparameters = new { batch_size = 4, max_steps = steps, eval_steps = 1000 } },
        };
        var next = new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            method = new { type = "unsupervised", hyperparameters = new { batch_size = 4, max_steps = 1, eval_steps = 1 } },
        };
        string firstId = (await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", failing)).GetProperty("id").GetString()!;
        JsonElement first = await JobsApi.WaitForJobAsync(client, firstId, JobsApi.IsFinished, TimeSpan.FromMinutes(5), retryUnavailable: true);
        string secondId = (await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", next)).GetProperty("id").GetString()!;
        JsonElement second = await JobsApi.WaitForJobAsync(client, secondId, JobsApi.IsFinished, TimeSpan.FromMinutes(5));
        return (first, second);
    }

    private static void Admin(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private sealed class ScriptedFactory(TestDatabase database) : WebApplicationFactory<Program>
    {
        public ScriptedTrainer Trainer { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach ((string key, string value) in database.Settings)
            {
                builder.UseSetting(key, value);
            }
            builder.UseSetting("SimCse:Training:LogEverySteps", "1");
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<IJobTrainer>();
                services.AddSingleton<SimCseJobTrainer>();
                services.AddSingleton<IJobTrainer>(provider =>
                {
                    Trainer.Real = provider.GetRequiredService<SimCseJobTrainer>();
                    return Trainer;
                });
            });
        }
    }
}
