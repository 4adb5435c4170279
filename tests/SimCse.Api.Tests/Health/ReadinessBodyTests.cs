namespace SimCse.Api.Tests.Health;

/// <summary>The open readiness route says why it is not ready without showing the operator's paths.</summary>
public sealed class ReadinessBodyTests
{
    [Fact]
    public async Task A_failed_start_up_is_503_without_file_paths()
    {
        using var service = new BrokenStartupFactory();

        // The factory gives up once /health/ready says the model failed to load, quoting the 503 body.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ((IAsyncLifetime)service).InitializeAsync());

        Assert.Contains("failed to load", refused.Message, StringComparison.Ordinal);
        Assert.Contains("503", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-operator-folder", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(service.Root.FullName, refused.Message, StringComparison.Ordinal);
    }
}
