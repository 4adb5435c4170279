using System.Net;
using System.Net.Http.Headers;

namespace SimCse.Api.Tests.Hosting;

/// <summary>
/// The shipped log levels fit a console: framework and EF Core chatter stays below Warning while the
/// service's own lines (packaged-model import, ready, URLs) are there, one each, with timings.
/// </summary>
public sealed class StartupLogTests
{
    [Fact]
    public async Task DefaultLevelsShowStartupLinesButNoEfCoreStatements()
    {
        var factory = new LogCaptureFactory();
        string[] lines;
        Uri address;
        try
        {
            await factory.InitializeAsync();
            address = factory.BaseAddress;
            // Database work of the kind a job does: a write and a read through EF Core.
            using var form = new MultipartFormDataContent();
            using var file = new ByteArrayContent("one sentence\nanother sentence\n"u8.ToArray());
            file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(file, "file", "sentences.txt");
            form.Add(new StringContent("fine-tune"), "purpose");
            using HttpResponseMessage upload = await factory.Client.PostAsync(new Uri("v1/files", UriKind.Relative), form);
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
            using HttpResponseMessage list = await factory.Client.GetAsync(new Uri("v1/files", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
        lines = [.. factory.Lines];

        Assert.DoesNotContain(lines, line => line.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("Microsoft.", StringComparison.Ordinal) && !line.StartsWith("Microsoft.Hosting.Lifetime", StringComparison.Ordinal) && line.Contains("|Information|", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("|Imported packaged model all-MiniLM-L6-v2 from its NuGet package", StringComparison.Ordinal) && line.EndsWith(" s", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("|Serving model all-MiniLM-L6-v2", StringComparison.Ordinal) && line.Contains("ready after", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("HTTP GET /health/ready", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("|Information|HTTP POST /v1/files responded 200", StringComparison.Ordinal));
        string root = address.ToString().TrimEnd('/');
        Assert.Single(lines, line => line.Contains($"API {root}/v1, Swagger UI {root}/swagger, dashboard {root}/ui", StringComparison.Ordinal));
        Directory.Delete(factory.DataDirectory, recursive: true);
    }
}
