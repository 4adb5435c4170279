using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SimCse.Api.Tests.Jobs;

/// <summary>The real service (real default model) on its own data directory; a second factory on the same directory is a restart.</summary>
public sealed class JobsApiFactory : WebApplicationFactory<Program>
{
    public JobsApiFactory(string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "simcse-jobs-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("SimCse:DataDirectory", DataDirectory);
        builder.UseSetting("SimCse:Training:LogEverySteps", "1");
    }
}
