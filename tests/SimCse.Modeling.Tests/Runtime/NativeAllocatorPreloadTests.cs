using SimCse.Modeling.Runtime;

namespace SimCse.Modeling.Tests.Runtime;

/// <summary>When the process re-executes itself on tcmalloc, and with which LD_PRELOAD.</summary>
public sealed class NativeAllocatorPreloadTests
{
    private const string Library = "/app/native/libtcmalloc_minimal.so.4";

    [Fact]
    public void TheAppItselfOnLinuxWithTheLibraryReExecutesWithItPreloaded() =>
        Assert.Equal(Library, Plan(new Dictionary<string, string>()));

    [Fact]
    public void PreloadsAlreadyAskedForAreKeptAfterIt() =>
        Assert.Equal($"{Library}:/opt/other.so", Plan(new Dictionary<string, string> { ["LD_PRELOAD"] = "/opt/other.so" }));

    [Theory]
    [InlineData("system")]
    [InlineData("SYSTEM")]
    public void SystemKeepsTheCLibraryMalloc(string choice) =>
        Assert.Null(Plan(new Dictionary<string, string> { [NativeAllocatorPreload.ChoiceVariable] = choice }));

    [Fact]
    public void AReExecutedProcessNeverTriesAgain() =>
        Assert.Null(Plan(new Dictionary<string, string> { [NativeAllocatorPreload.AttemptedVariable] = "1" }));

    [Theory]
    [InlineData(false, true, true, false)]   // a test host or another app loaded this assembly
    [InlineData(true, false, true, false)]   // not Linux x64
    [InlineData(true, true, false, false)]   // the library is not beside the app
    [InlineData(true, true, true, true)]     // already preloaded (by us or by the operator)
    public void OtherwiseTheProcessCarriesOn(bool isEntryApp, bool supportedPlatform, bool libraryPresent, bool alreadyLoaded) =>
        Assert.Null(NativeAllocatorPreload.PreloadValue(isEntryApp, supportedPlatform, libraryPresent, alreadyLoaded, _ => null, Library));

    [Fact]
    public void TheBuildPutsTheLibraryBesideTheApp() =>
        Assert.True(File.Exists(NativeAllocatorPreload.LibraryPath), NativeAllocatorPreload.LibraryPath);

    private static string? Plan(Dictionary<string, string> environment) =>
        NativeAllocatorPreload.PreloadValue(isEntryApp: true, supportedPlatform: true, libraryPresent: true, alreadyLoaded: false,
            name => environment.GetValueOrDefault(name), Library);
}
