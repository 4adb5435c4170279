namespace SimCse.Api.Security;

/// <summary>
/// CSRF protection for the state-changing admin routes. A browser marks every request it sends with
/// <c>Sec-Fetch-Site</c> (or at least <c>Origin</c> on a cross-origin POST); a page on another site can only send
/// "simple" requests here (no CORS is configured, so anything else fails its preflight), and those are exactly
/// what an operator's browser could be tricked into sending. Refusing cross-origin browser requests stops them
/// while curl, SDKs and the same-origin <c>/ui</c> (which send no such headers, or same-origin ones) work unchanged.
/// The same rule as Go's <c>http.CrossOriginProtection</c>.
/// </summary>
public static class CrossSiteRequestGuard
{
    /// <summary>True when the request changes state and a browser sent it from another origin.</summary>
    public static bool IsCrossSite(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return false;
        }
        string fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            return !string.Equals(fetchSite, "same-origin", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(fetchSite, "none", StringComparison.OrdinalIgnoreCase);
        }
        string origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            // Not a browser (or one too old to send Origin on a cross-origin POST, which no current one is).
            return false;
        }
        return !Uri.TryCreate(origin, UriKind.Absolute, out Uri? parsed)
            || !string.Equals(parsed.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
