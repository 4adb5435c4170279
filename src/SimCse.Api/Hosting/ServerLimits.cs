using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SimCse.Api.Configuration;

namespace SimCse.Api.Hosting;

/// <summary>Applies <see cref="ServerLimitsOptions"/>: Kestrel's connection limits and per-route request timeouts.</summary>
public static class ServerLimits
{
    /// <summary>The timeout policy of the admin routes (uploads, evaluations, activation).</summary>
    public const string AdminPolicy = "admin";

    public static WebApplicationBuilder AddServerLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ServerLimitsOptions limits = builder.Configuration.GetSection(ServerLimitsOptions.SectionName).Get<ServerLimitsOptions>() ?? new ServerLimitsOptions();
        IReadOnlyList<string> errors = limits.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }
        builder.WebHost.ConfigureKestrel(kestrel => Apply(kestrel.Limits, limits));
        builder.Services.AddRequestTimeouts(options =>
        {
            options.DefaultPolicy = Policy(limits.RequestTimeout);
            options.AddPolicy(AdminPolicy, Policy(limits.AdminRequestTimeout));
        });
        return builder;
    }

    public static void Apply(KestrelServerLimits target, ServerLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(limits);
        target.MaxConcurrentConnections = limits.MaxConcurrentConnections;
        target.MaxConcurrentUpgradedConnections = limits.MaxConcurrentConnections;
        target.KeepAliveTimeout = limits.KeepAliveTimeout;
        target.RequestHeadersTimeout = limits.RequestHeadersTimeout;
        target.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalSize;
        target.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
        target.MinRequestBodyDataRate = limits.MinRequestBodyBytesPerSecond > 0
            ? new MinDataRate(limits.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(5))
            : null;
        target.Http2.MaxStreamsPerConnection = limits.MaxStreamsPerConnection;
    }

    private static RequestTimeoutPolicy Policy(TimeSpan timeout) => new()
    {
        Timeout = timeout > TimeSpan.Zero ? timeout : null,
        TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        WriteTimeoutResponse = context => context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Timed out",
                Detail = "The request took longer than the server's request timeout (SimCse:Server:RequestTimeout / AdminRequestTimeout).",
            },
        }).AsTask(),
    };
}
