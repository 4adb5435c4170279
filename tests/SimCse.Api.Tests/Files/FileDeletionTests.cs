using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SimCse.Api.Persistence;
using SimCse.Api.Tests.Jobs;

namespace SimCse.Api.Tests.Files;

/// <summary>An uploaded file can be deleted once no queued or running job needs it.</summary>
[Collection(JobsTestGroup.Name)]
public sealed class FileDeletionTests(JobsHost host)
{
    [Fact]
    public async Task AFileInUseByARunningJobIs409UntilTheJobFinishes()
    {
        string file = await JobsApi.UploadIdAsync(host.Client, JobsTestData.Sentences(4), "fine-tune");
        // Recorded as running directly, so no real training races the assertions.
        string job = $"ftjob-deletion{Guid.NewGuid():N}";
        IDbContextFactory<SimCseDbContext> databases = host.Factory.Services.GetRequiredService<IDbContextFactory<SimCseDbContext>>();
        await using (SimCseDbContext database = await databases.CreateDbContextAsync())
        {
            database.Jobs.Add(new FineTuningJobRecord
            {
                Id = job,
                Model = "all-MiniLM-L6-v2",
                Status = "running",
                Method = "unsupervised",
                HyperparametersJson = "{}",
                TrainingFile = file,
                CreatedAt = UnixTime.Now(),
            });
            await database.SaveChangesAsync();
        }

        using HttpResponseMessage inUse = await host.Client.DeleteAsync(new Uri($"/v1/files/{file}", UriKind.Relative));
        string detail = (await JobsApi.ReadAsync(inUse, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!;
        Assert.Contains(job, detail, StringComparison.Ordinal);

        await using (SimCseDbContext database = await databases.CreateDbContextAsync())
        {
            await database.Jobs.Where(record => record.Id == job).ExecuteUpdateAsync(update => update.SetProperty(record => record.Status, "succeeded"));
        }
        using HttpResponseMessage deleted = await host.Client.DeleteAsync(new Uri($"/v1/files/{file}", UriKind.Relative));
        await JobsApi.ReadAsync(deleted, HttpStatusCode.OK);
        Assert.False(File.Exists(Path.Combine(host.Factory.DataDirectory, "files", file)));
    }
}
