using System.Net;

namespace SimCse.Api.Security;

/// <summary>Whether a listening URL or a connection's address is loopback-only (127.0.0.0/8, ::1, localhost).</summary>
public static class LoopbackAddresses
{
    /// <summary>True for <c>http://localhost:8080</c>, <c>http://127.0.0.1:5000</c>, <c>http://[::1]:80</c>; false for <c>*</c>, <c>+</c>, 0.0.0.0 and real addresses.</summary>
    public static bool IsLoopbackUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        string rest = scheme >= 0 ? url[(scheme + 3)..] : url;
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        string authority = slash >= 0 ? rest[..slash] : rest;
        string host = authority.StartsWith('[')
            ? authority[1..Math.Max(1, authority.IndexOf(']', StringComparison.Ordinal))]
            : authority.Split(':')[0];
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(host, out IPAddress? address) && IsLoopback(address);
    }

    /// <summary>True for a loopback address, also written as IPv4 mapped into IPv6.</summary>
    public static bool IsLoopback(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }
}
