using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace SimCse.Api.Security;

/// <summary>
/// A keyless service that serves loopback only also answers only to loopback host names, when
/// <c>AllowedHosts</c> was left at <c>*</c>: otherwise a page on a domain that resolves to 127.0.0.1 (DNS
/// rebinding) would be "same origin" with it and could drive it from the operator's browser.
/// </summary>
public sealed class OpenServiceHosts(ApiKeyRing keys) : IPostConfigureOptions<HostFilteringOptions>
{
    public static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public void PostConfigure(string? name, HostFilteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool any = options.AllowedHosts.Count == 0 || options.AllowedHosts.Contains("*");
        if (keys.LoopbackOnly && any)
        {
            options.AllowedHosts = [.. LoopbackHosts];
        }
    }
}
