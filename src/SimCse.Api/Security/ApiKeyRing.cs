using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;

namespace SimCse.Api.Security;

/// <summary>
/// The configured keys, kept only as SHA-256 digests and compared in constant time, so neither timing
/// nor a memory dump of a comparison leaks a key.
/// </summary>
public sealed class ApiKeyRing
{
    private readonly byte[][] _userKeys;
    private readonly byte[][] _adminKeys;

    public ApiKeyRing(IOptions<AuthOptions> options)
    {
        _userKeys = Digest(options.Value.ApiKeys);
        _adminKeys = Digest(options.Value.AdminApiKeys);
    }

    public bool UserRoutesOpen => _userKeys.Length == 0;

    public bool AdminRoutesOpen => _adminKeys.Length == 0 && _userKeys.Length == 0;

    /// <summary>User routes accept user and admin keys; open when no user key is configured.</summary>
    public bool AllowsUser(string? presented) => UserRoutesOpen || Matches(presented, _userKeys) || Matches(presented, _adminKeys);

    /// <summary>Admin routes need an admin key when admin keys are configured, else follow the user rule.</summary>
    public bool AllowsAdmin(string? presented) => _adminKeys.Length > 0 ? Matches(presented, _adminKeys) : AllowsUser(presented);

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
