using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Security;

namespace SimCse.Api.Tests.Security;

public sealed class ApiKeyRingTests
{
    [Fact]
    public void NoKeysLeaveEverythingOpen()
    {
        ApiKeyRing ring = Ring([], []);

        Assert.True(ring.UserRoutesOpen);
        Assert.True(ring.AdminRoutesOpen);
        Assert.True(ring.AllowsUser(null));
        Assert.True(ring.AllowsAdmin(null));
        Assert.True(ring.AllowsUser("anything"));
    }

    [Fact]
    public void BlankConfiguredKeysAreIgnored()
    {
        ApiKeyRing ring = Ring(["", "  "], [" "]);

        Assert.True(ring.UserRoutesOpen);
        Assert.True(ring.AllowsAdmin(null));
        Assert.True(ring.AllowsUser(""));
    }

    [Theory]
    [InlineData("k1", true)]
    [InlineData("k2", true)]
    [InlineData("K1", false)]
    [InlineData("k", false)]
    [InlineData("k1 ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void UserKeysAreMatchedExactly(string? presented, bool allowed)
    {
        ApiKeyRing ring = Ring(["k1", "k2"], []);

        Assert.False(ring.UserRoutesOpen);
        Assert.Equal(allowed, ring.AllowsUser(presented));
    }

    [Fact]
    public void WithUserKeysAloneNoUserKeyIsAdmin()
    {
        // Secure by default: configuring user keys must not silently make every user an administrator.
        ApiKeyRing ring = Ring(["k1"], []);

        Assert.False(ring.AdminRoutesOpen);
        Assert.False(ring.AllowsAdmin("k1"));
        Assert.False(ring.AllowsAdmin("other"));
        Assert.False(ring.AllowsAdmin(null));
        Assert.True(ring.AllowsUser("k1"));
    }

    [Fact]
    public void AdminKeysGuardAdminRoutesAndAlsoOpenUserRoutes()
    {
        ApiKeyRing ring = Ring(["k1"], ["admin"]);

        Assert.True(ring.AllowsAdmin("admin"));
        Assert.False(ring.AllowsAdmin("k1"));
        Assert.True(ring.AllowsUser("admin"));
        Assert.True(ring.AllowsUser("k1"));
        Assert.False(ring.AllowsUser("nope"));
    }

    [Fact]
    public void AdminKeysAloneLeaveUserRoutesOpen()
    {
        ApiKeyRing ring = Ring([], ["admin"]);

        Assert.True(ring.UserRoutesOpen);
        Assert.False(ring.AdminRoutesOpen);
        Assert.True(ring.AllowsUser(null));
        Assert.False(ring.AllowsAdmin(null));
        Assert.True(ring.AllowsAdmin("admin"));
    }

    private static ApiKeyRing Ring(string[] user, string[] admin)
    {
        var options = new AuthOptions();
        foreach (string key in user)
        {
            options.ApiKeys.Add(key);
        }
        foreach (string key in admin)
        {
            options.AdminApiKeys.Add(key);
        }
        return new ApiKeyRing(Options.Create(options));
    }
}
