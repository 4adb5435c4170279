using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SimCse.Api.Tests.Jobs;

/// <summary>The real service (real default model) on its own data directory; a second factory on the same directory is a restart.</summary>
public sealed class JobsApiFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDirectory;

    /// <param name="dataDirectory">An existing data directory to start on (kept on dispose); null = a fresh temporary one (deleted on dispose).</param>
    public JobsApiFactory(string? dataDirectory = null)
    {
        _ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? NewTemporaryDirectory();
        Directory.CreateDirectory(DataDirectory);
    }

    public static string NewTemporaryDirectory() => Path.Combine(Path.GetTempPath(), "simcse-jobs-tests", Guid.NewGuid().ToString("N"));

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("SimCse:DataDirectory", DataDirectory);
        builder.UseSetting("SimCse:Training:LogEverySteps", "1");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDirectory && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
