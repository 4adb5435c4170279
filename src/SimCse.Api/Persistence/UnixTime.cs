namespace SimCse.Api.Persistence;

/// <summary>The database's timestamps: unix seconds.</summary>
public static class UnixTime
{
    public static long Now() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
}
