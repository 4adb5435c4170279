using System.Buffers;
using System.Security.Cryptography;

namespace SimCse.Api.Persistence;

/// <summary>OpenAI-style ids (<c>file-…</c>, <c>ftjob-…</c>): a prefix and 24 random lowercase alphanumerics, safe as path segments.</summary>
public static class ResourceIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly SearchValues<char> AlphabetValues = SearchValues.Create(Alphabet);

    public static string New(string prefix) => $"{prefix}-{RandomNumberGenerator.GetString(Alphabet, 24)}";

    /// <summary>True when <paramref name="id"/> has the shape <see cref="New"/> produces, so it can become a file name.</summary>
    public static bool IsWellFormed(string id, string prefix) =>
        id.Length == prefix.Length + 25
        && id.StartsWith(prefix + "-", StringComparison.Ordinal)
        && id.AsSpan(prefix.Length + 1).IndexOfAnyExcept(AlphabetValues) < 0;
}
