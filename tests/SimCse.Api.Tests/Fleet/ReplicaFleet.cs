using System.Net;
using SimCse.Api.Tests.Persistence;

namespace SimCse.Api.Tests.Fleet;

/// <summary>Replicas of the service as separate processes on loopback ports, sharing one PostgreSQL database and one data directory.</summary>
public sealed class ReplicaFleet : IAsyncDisposable
{
    private readonly List<(ServiceProcess Process, HttpClient Client, string Id)> _replicas = [];

    private ReplicaFleet(TestDatabase database)
    {
        Database = database;
    }

    public TestDatabase Database { get; }

    public IReadOnlyList<string> Ids => _replicas.Select(r => r.Id).ToList();

    public static async Task<ReplicaFleet> StartAsync(int count, int firstPort, TimeSpan lease)
    {
        TestDatabase database = await TestDatabase.CreateAsync(Api.Configuration.DatabaseOptions.Postgres, migrate: false);
        var fleet = new ReplicaFleet(database);
        for (int i = 0; i < count; i++)
        {
            // One after another: the first start imports the packaged model into the shared directory.
            await fleet.StartReplicaAsync($"replica-{(char)('a' + i)}", firstPort + i, lease);
        }
        return fleet;
    }

    public HttpClient Client(int index) => _replicas[index].Client;

    public int IndexOf(string replicaId) => _replicas.FindIndex(r => r.Id == replicaId);

    public string Output(int index) => _replicas[index].Process.Output;

    /// <summary>kill -9 of one replica.</summary>
    public void Kill(int index) => _replicas[index].Process.Kill();

    public async ValueTask DisposeAsync()
    {
        foreach ((ServiceProcess process, HttpClient client, _) in _replicas)
        {
            client.Dispose();
            process.Dispose();
        }
        await Database.DisposeAsync();
    }

    private async Task StartReplicaAsync(string id, int port, TimeSpan lease)
    {
        var settings = new Dictionary<string, string>(Database.Settings)
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["SimCse:ReplicaId"] = id,
            ["SimCse:Model:Device"] = "cpu",
            ["SimCse:Training:LeaseDuration"] = lease.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["SimCse:Training:PollInterval"] = "00:00:00.500",
            ["SimCse:Training:LogEverySteps"] = "1",
            ["SimCse:Fleet:PollInterval"] = "00:00:00.500",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        ServiceProcess process = ServiceProcess.Start(settings);
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(2) };
        _replicas.Add((process, client, id));
        // A deadline only so a broken start fails the run instead of hanging it.
        DateTime deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Replica {id} exited: {process.Output}");
            }
            try
            {
                using HttpResponseMessage response = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Replica {id} did not become ready: {process.Output}");
            }
            await Task.Delay(250);
        }
    }
}
