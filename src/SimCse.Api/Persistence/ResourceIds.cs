using System.Security.Cryptography;

namespace SimCse.Api.Persistence;

/// <summary>OpenAI-style ids (<c>file-…</c>, <c>ftjob-…</c>): a prefix and 24 random lowercase alphanumerics, safe as path segments.</summary>
public static class ResourceIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string New(string prefix) => $"{prefix}-{RandomNumberGenerator.GetString(Alphabet, 24)}";
}
