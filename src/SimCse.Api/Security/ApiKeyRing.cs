using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;

namespace SimCse.Api.Security;

/// <summary>
/// The configured keys, kept only as SHA-256 digests and compared in constant time, so neither timing
/// nor a memory dump of a comparison leaks a key.
/// </summary>
/// <remarks>
/// Secure by default: as soon as any key is configured, admin routes need an admin key. With user keys alone
/// the admin routes are closed (no user key is silently an administrator).
/// </remarks>
public sealed class ApiKeyRing
{
    private readonly byte[][] _userKeys;
    private readonly byte[][] _adminKeys;

    public ApiKeyRing(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _userKeys = Digest(options.Value.ApiKeys);
        _adminKeys = Digest(options.Value.AdminApiKeys);
        AllowAnonymous = options.Value.AllowAnonymous;
    }

    public bool UserRoutesOpen => _userKeys.Length == 0;

    public bool AdminRoutesOpen => !AnyKeyConfigured;

    public bool AdminKeysConfigured => _adminKeys.Length > 0;

    /// <summary>True when some user or admin key is configured.</summary>
    public bool AnyKeyConfigured => _adminKeys.Length > 0 || _userKeys.Length > 0;

    /// <summary><c>SimCse:Auth:AllowAnonymous</c>: keyless service on non-loopback addresses is intended.</summary>
    public bool AllowAnonymous { get; }

    /// <summary>With no key at all and no opt-in, only loopback callers are served.</summary>
    public bool LoopbackOnly => !AnyKeyConfigured && !AllowAnonymous;

    /// <summary>The effective mode in words, for the start-up log line.</summary>
    public string Mode => (_userKeys.Length > 0, _adminKeys.Length > 0) switch
    {
        (true, true) => "keys: /v1 needs a user or admin key, admin routes need an admin key",
        (true, false) => "user keys only: /v1 needs a user key, admin routes are closed until SimCse:Auth:AdminApiKeys is set",
        (false, true) => "admin keys only: inference routes are open, admin routes need an admin key",
        _ when AllowAnonymous => "anonymous on every address (SimCse:Auth:AllowAnonymous=true)",
        _ => "anonymous, loopback only (set SimCse:Auth:ApiKeys/AdminApiKeys, or AllowAnonymous=true, to serve other addresses)",
    };

    /// <summary>User routes accept user and admin keys; open when no user key is configured.</summary>
    public bool AllowsUser(string? presented) => UserRoutesOpen || Matches(presented, _userKeys) || Matches(presented, _adminKeys);

    /// <summary>Admin routes need an admin key whenever any key is configured; open only when none is.</summary>
    public bool AllowsAdmin(string? presented) => AdminRoutesOpen || Matches(presented, _adminKeys);

    private static bool Matches(string? presented, byte[][] keys)
    {
        if (presented is null)
        {
            return false;
        }
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        bool found = false;
        foreach (byte[] key in keys)
        {
            // No early exit: every key is compared, so the time does not depend on which one matched.
            found |= CryptographicOperations.FixedTimeEquals(digest, key);
        }
        return found;
    }

    private static byte[][] Digest(IEnumerable<string> keys) =>
        keys.Where(key => !string.IsNullOrWhiteSpace(key)).Select(key => SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToArray();
}
