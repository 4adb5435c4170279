using SimCse.Core.Models;

namespace SimCse.Api.Serving;

/// <summary>Loads the model the service serves at start. Tests replace it to serve a small model.</summary>
public interface IStartupModelSource
{
    /// <summary>Loads (slow: reads weights, may import a packaged model). Called off the request path.</summary>
    IEmbeddingModel Load();
}
