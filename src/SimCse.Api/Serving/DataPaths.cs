using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;

namespace SimCse.Api.Serving;

/// <summary>The resolved data directory (created on first start).</summary>
public sealed class DataPaths
{
    public DataPaths(IOptions<SimCseOptions> options, IHostEnvironment environment)
    {
        Root = Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }
}
