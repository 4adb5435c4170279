namespace SimCse.Api.Configuration;

/// <summary>
/// Section <c>SimCse:Server</c>: connection and request limits a public deployment needs (Kestrel's limits and
/// ASP.NET Core's request timeouts). The defaults bound a slow or flooding client without touching normal use.
/// </summary>
public sealed class ServerLimitsOptions
{
    public const string SectionName = "SimCse:Server";

    /// <summary>Open connections at once; more wait in the accept queue (Kestrel: unlimited).</summary>
    public long MaxConcurrentConnections { get; set; } = 1024;

    /// <summary>Idle keep-alive connections are closed after this long (Kestrel: 130 s).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>All request headers must arrive within this time (slow-loris; Kestrel: 30 s).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Total size of the request line and headers (Kestrel: 32 KB).</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Request headers per request (Kestrel: 100).</summary>
    public int MaxRequestHeaderCount { get; set; } = 64;

    /// <summary>A body slower than this (bytes/s, after a 5 s grace) is cut off (Kestrel: 240).</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>HTTP/2 streams per connection (Kestrel: 100).</summary>
    public int MaxStreamsPerConnection { get; set; } = 100;

    /// <summary>Inference, model and health routes answer within this or get 503 (0 = no timeout).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Uploads, evaluations, activations and other admin routes, which can take minutes (0 = no timeout).</summary>
    public TimeSpan AdminRequestTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxConcurrentConnections < 1)
        {
            errors.Add("SimCse:Server:MaxConcurrentConnections must be at least 1.");
        }
        if (KeepAliveTimeout <= TimeSpan.Zero || RequestHeadersTimeout <= TimeSpan.Zero)
        {
            errors.Add("SimCse:Server:KeepAliveTimeout and RequestHeadersTimeout must be positive.");
        }
        if (MaxRequestHeadersTotalSize < 1024 || MaxRequestHeaderCount < 8 || MaxStreamsPerConnection < 1)
        {
            errors.Add("SimCse:Server:MaxRequestHeadersTotalSize (≥ 1024), MaxRequestHeaderCount (≥ 8) and MaxStreamsPerConnection (≥ 1) are too small.");
        }
        if (MinRequestBodyBytesPerSecond < 0 || RequestTimeout < TimeSpan.Zero || AdminRequestTimeout < TimeSpan.Zero)
        {
            errors.Add("SimCse:Server:MinRequestBodyBytesPerSecond, RequestTimeout and AdminRequestTimeout must not be negative.");
        }
        return errors;
    }
}
