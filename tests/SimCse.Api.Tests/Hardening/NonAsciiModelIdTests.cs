using System.Net;
using SimCse.Api.Tests.Infrastructure;
using SimCse.Modeling.Packaging;

namespace SimCse.Api.Tests.Hardening;

/// <summary>
/// A model served from a folder with a non-ASCII name (its id is the folder name) answers through real Kestrel,
/// which refuses non-ASCII header values: <c>X-Model-Version</c> carries the id percent-encoded, never a 500.
/// </summary>
public sealed class NonAsciiModelIdTests(NonAsciiModelIdTests.AccentedFolderFactory service) : IClassFixture<NonAsciiModelIdTests.AccentedFolderFactory>
{
    private const string Id = "modèle-ü";

    [Theory]
    [InlineData("v1/embeddings", """{"input": "bonjour"}""")]
    [InlineData("v1/tokenize", """{"input": "bonjour"}""")]
    [InlineData("v1/similarity", """{"source": "a", "candidates": ["b"]}""")]
    public async Task ResponsesNameTheModelInAnAsciiHeader(string path, string body)
    {
        using HttpResponseMessage response = await Json.PostAsync(service.Client, path, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Id, (await Json.ReadAsync(response))["model"]!.GetValue<string>());
        string header = Assert.Single(response.Headers.GetValues("X-Model-Version"));
        Assert.Equal("mod%C3%A8le-%C3%BC", header);
        Assert.Equal(Id, Uri.UnescapeDataString(header));
    }

    /// <summary>Serves a copy of the packaged MiniLM folder through <c>SimCse:Model:Path</c>, in a folder named <see cref="Id"/>.</summary>
    public sealed class AccentedFolderFactory : SimCseFactory
    {
        private readonly string _parent = Path.Combine(Path.GetTempPath(), "simcse-non-ascii", Guid.NewGuid().ToString("N"));

        private string Folder => Path.Combine(_parent, Id);

        protected override IEnumerable<KeyValuePair<string, string>> Settings()
        {
            CopyPackagedModel();
            // Its own data directory: a model persisted as active in the shared one would win over the configured folder.
            return [.. base.Settings(), new("SimCse:Model:Path", Folder), new("SimCse:DataDirectory", Path.Combine(_parent, "data"))];
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && Directory.Exists(_parent))
            {
                Directory.Delete(_parent, recursive: true);
            }
        }

        private void CopyPackagedModel()
        {
            if (Directory.Exists(Folder))
            {
                return;
            }
            // On a fresh machine no earlier test may have imported the packaged model yet: import it (atomic, idempotent).
            string source = PackagedModelImporter.EnsureCached(PackagedModels.Find("all-MiniLM-L6-v2")!, TestPaths.SharedDataDirectory);
            foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(Folder, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }
}
