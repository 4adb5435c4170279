using SimCse.Api.Persistence;

namespace SimCse.Api.Tests.Persistence;

/// <summary>Paths in the database are relative to the data directory; absolute rows of older versions are rewritten, even after a move.</summary>
public sealed class StoredPathsTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "simcse-root");

    [Fact]
    public void AFolderInsideTheDataDirectoryIsStoredRelativeAndResolvesBack()
    {
        string folder = Path.Combine(Root, "checkpoints", "ftjob-x", "step-2");
        string stored = StoredPaths.ToStored(Root, folder);
        Assert.Equal("checkpoints/ftjob-x/step-2", stored);
        Assert.Equal(folder, StoredPaths.Resolve(Root, stored));
    }

    [Fact]
    public void AFolderOutsideStaysAbsolute()
    {
        string outside = Path.Combine(Path.GetTempPath(), "models", "my-bert");
        Assert.Equal(outside, StoredPaths.ToStored(Root, outside));
    }

    [Fact]
    public void ALegacyAbsoluteCheckpointUnderAMovedDirectoryIsRelocated()
    {
        string old = Path.Combine("/srv/old-place/data", "checkpoints", "ftjob-x", "step-2");
        Assert.Equal("checkpoints/ftjob-x/step-2", StoredPaths.RelocateLegacy(Root, old, "ftjob-x"));
        Assert.Null(StoredPaths.RelocateLegacy(Root, "checkpoints/ftjob-x/step-2", "ftjob-x"));
        Assert.Null(StoredPaths.RelocateLegacy(Root, "/models/imported", "ftjob-x"));
    }
}
