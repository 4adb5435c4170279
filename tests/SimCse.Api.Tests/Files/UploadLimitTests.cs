using System.Net;
using Microsoft.AspNetCore.Hosting;
using SimCse.Api.Tests.Jobs;

namespace SimCse.Api.Tests.Files;

/// <summary>SimCse:Files:MaxBytes is enforced (413), and nothing of the refused upload stays on disk.</summary>
public sealed class UploadLimitTests
{
    [Fact]
    public async Task AnUploadOverTheConfiguredLimitIs413()
    {
        await using var factory = new SmallLimitFactory();
        using HttpClient client = factory.CreateClient();
        using HttpResponseMessage response = await JobsApi.UploadAsync(client, JobsTestData.Sentences(200), "fine-tune");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        string files = Path.Combine(factory.DataDirectory, "files");
        Assert.True(!Directory.Exists(files) || !Directory.EnumerateFiles(files).Any());
    }

    private sealed class SmallLimitFactory : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "simcse-jobs-tests", Guid.NewGuid().ToString("N"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("SimCse:DataDirectory", DataDirectory);
            builder.UseSetting("SimCse:Files:MaxBytes", "1000");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }
}
