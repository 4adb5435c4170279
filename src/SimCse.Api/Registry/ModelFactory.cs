using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Serving;
using SimCse.Core.Models;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Runtime;

namespace SimCse.Api.Registry;

/// <summary>Loads a located model onto the configured device and dtype (slow; never on the model thread).</summary>
public sealed partial class ModelFactory(IOptions<ServingModelOptions> serving, DataPaths paths, ILogger<ModelFactory> logger)
{
    private readonly ConcurrentDictionary<string, DTypeDecision> _dtypes = new(StringComparer.Ordinal);

    public IEmbeddingModel Load(ModelLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var placement = new EncoderOptions { Device = serving.Value.Device, DType = serving.Value.DType };
        void Record(DTypeDecision decision)
        {
            _dtypes[location.Id] = decision;
            LogDType(location.Id, decision.DType, decision.Requested, decision.Reason);
        }
        return location.Packaged is not null
            ? ModelLoader.LoadPackaged(location.Packaged.Id, paths.Root, placement, Record)
            : ModelLoader.LoadFolder(location.Folder!, placement, location.Id, Record);
    }

    /// <summary>The dtype the latest load of <paramref name="id"/> chose, and why; null if never loaded here.</summary>
    public DTypeDecision? DTypeOf(string id) => _dtypes.GetValueOrDefault(id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {ModelId} computes in {DType} (DType={Requested}): {Reason}")]
    private partial void LogDType(string modelId, string dtype, string requested, string reason);
}
