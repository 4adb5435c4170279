namespace SimCse.Api.Tests.Infrastructure;

/// <summary>The service with a user key <c>k1</c> and an admin key <c>admin</c>.</summary>
public sealed class AuthFactory : SimCseFactory
{
    public const string UserKey = "k1";
    public const string AdminKey = "admin";

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        .. base.Settings(),
        new("SimCse:Auth:ApiKeys:0", UserKey),
        new("SimCse:Auth:AdminApiKeys:0", AdminKey),
    ];
}
