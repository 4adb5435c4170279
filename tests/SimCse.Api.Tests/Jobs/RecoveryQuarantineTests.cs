using System.Net;
using Microsoft.EntityFrameworkCore;
using SimCse.Api.Persistence;

namespace SimCse.Api.Tests.Jobs;

/// <summary>
/// Start-up recovery deletes only recognizable temporaries, moves anything else it does not know to
/// <c>quarantine/</c>, and changes nothing when no record matches any folder (a directory that is not the one the
/// database describes).
/// </summary>
public sealed class RecoveryQuarantineTests
{
    [Fact]
    public async Task UnknownFoldersAreQuarantinedTemporariesDeletedAndRegisteredOnesKept()
    {
        await WithDataDirectoryAsync(async data =>
        {
            string registered = Folder(data, "ftjob-aaaaaaaaaaaaaaaaaaaaaaaa", "step-1");
            string unknown = Folder(data, "ftjob-aaaaaaaaaaaaaaaaaaaaaaaa", "step-9");
            string temporary = Folder(data, "ftjob-aaaaaaaaaaaaaaaaaaaaaaaa", ".step-4.tmp-0123");
            await AddRecordAsync(data, "ft:all-MiniLM-L6-v2:ftjob-aaaaaaaaaaaaaaaaaaaaaaaa:step-1", "checkpoints/ftjob-aaaaaaaaaaaaaaaaaaaaaaaa/step-1", "ftjob-aaaaaaaaaaaaaaaaaaaaaaaa");

            await StartAndStopAsync(data);

            Assert.True(Directory.Exists(registered));
            Assert.False(Directory.Exists(temporary));
            Assert.False(Directory.Exists(unknown));
            string[] quarantined = Directory.GetDirectories(Path.Combine(data, "quarantine"), "step-9", SearchOption.AllDirectories);
            Assert.Single(quarantined);
            Assert.True(File.Exists(Path.Combine(quarantined[0], "config.json")));
        });
    }

    [Fact]
    public async Task NothingIsTouchedWhenNoRecordMatchesAnyFolder()
    {
        await WithDataDirectoryAsync(async data =>
        {
            const string Id = "ft:all-MiniLM-L6-v2:ftjob-gggggggggggggggggggggggg:step-1";
            string foreign = Folder(data, "ftjob-ffffffffffffffffffffffff", "step-3");
            await AddRecordAsync(data, Id, "checkpoints/ftjob-gggggggggggggggggggggggg/step-1", "ftjob-gggggggggggggggggggggggg");

            await using var service = new JobsApiFactory(data);
            using HttpClient client = service.CreateClient();
            await JobsApi.WaitReadyAsync(client);
            Assert.True(Directory.Exists(foreign));
            Assert.False(Directory.Exists(Path.Combine(data, "quarantine")));
            // The record is kept: the folder may come back when the right directory is mounted.
            await JobsApi.GetJsonAsync(client, $"/v1/models/{Uri.EscapeDataString(Id)}", HttpStatusCode.OK);
        });
    }

    private static string Folder(string data, string job, string name)
    {
        string folder = Path.Combine(data, "checkpoints", job, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), "{}");
        return folder;
    }

    private static async Task AddRecordAsync(string data, string id, string folder, string job)
    {
        var options = new DbContextOptionsBuilder<SimCseDbContext>().UseSqlite($"Data Source={Path.Combine(data, "simcse.db")}").Options;
        await using var database = new SimCseDbContext(options);
        database.Models.Add(new ModelRecord { Id = id, Folder = folder, BaseModel = "all-MiniLM-L6-v2", JobId = job, Step = 1 });
        await database.SaveChangesAsync();
    }

    private static async Task StartAndStopAsync(string data)
    {
        await using var service = new JobsApiFactory(data);
        using HttpClient client = service.CreateClient();
        await JobsApi.WaitReadyAsync(client);
    }

    private static async Task WithDataDirectoryAsync(Func<string, Task> test)
    {
        string data = JobsApiFactory.NewTemporaryDirectory();
        try
        {
            // A first start creates the schema.
            await StartAndStopAsync(data);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await test(data);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
