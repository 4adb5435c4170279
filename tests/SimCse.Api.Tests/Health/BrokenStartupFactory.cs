using SimCse.Api.Tests.Infrastructure;

namespace SimCse.Api.Tests.Health;

/// <summary>The service told to serve a model folder that holds no model, in a data directory of its own.</summary>
public sealed class BrokenStartupFactory : SimCseFactory
{
    public BrokenStartupFactory()
    {
        Root = Directory.CreateTempSubdirectory("simcse-broken-startup-");
        ModelFolder = Root.CreateSubdirectory("secret-operator-folder").FullName;
    }

    public DirectoryInfo Root { get; }

    /// <summary>An existing folder without config.json or weights.</summary>
    public string ModelFolder { get; }

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        .. base.Settings(),
        new("SimCse:DataDirectory", Path.Combine(Root.FullName, "data")),
        new("SimCse:Model:Path", ModelFolder),
    ];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // The factory disposes synchronously and asynchronously; delete once.
        if (disposing && Directory.Exists(Root.FullName))
        {
            Root.Delete(recursive: true);
        }
    }
}
