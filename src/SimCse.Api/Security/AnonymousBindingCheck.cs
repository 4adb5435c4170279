using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace SimCse.Api.Security;

/// <summary>
/// Logs the effective auth mode at start and, when no key is configured and anonymous access was not asked for
/// (<c>SimCse:Auth:AllowAnonymous</c>), stops the service if it listens on any non-loopback address. Until the
/// stop takes effect <see cref="ApiKeyMiddleware"/> already refuses every non-loopback caller.
/// </summary>
public sealed partial class AnonymousBindingCheck(
    ApiKeyRing keys,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<AnonymousBindingCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogMode(logger, keys.Mode);
        lifetime.ApplicationStarted.Register(Check);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Check()
    {
        if (!keys.LoopbackOnly)
        {
            return;
        }
        ICollection<string> addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        string? exposed = addresses.FirstOrDefault(address => !LoopbackAddresses.IsLoopbackUrl(address));
        if (exposed is null)
        {
            return;
        }
        LogRefused(logger, exposed);
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Auth mode: {Mode}")]
    private static partial void LogMode(ILogger logger, string mode);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to serve without API keys on the non-loopback address {Address}: set SimCse:Auth:ApiKeys and AdminApiKeys, or SimCse:Auth:AllowAnonymous=true to serve anonymously on purpose. Stopping.")]
    private static partial void LogRefused(ILogger logger, string address);
}
