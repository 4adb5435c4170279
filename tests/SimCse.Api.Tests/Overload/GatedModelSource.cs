using SimCse.Api.Serving;
using SimCse.Api.Tests.Infrastructure;
using SimCse.Core.Models;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;

namespace SimCse.Api.Tests.Overload;

/// <summary>Start-up model source that serves the real default model wrapped in a <see cref="GatedEmbeddingModel"/>.</summary>
/// <remarks>The runtime owns and disposes the model it is handed; this source only keeps a reference for the tests.</remarks>
#pragma warning disable CA1001
public sealed class GatedModelSource(ForwardGate gate) : IStartupModelSource
{
    private GatedEmbeddingModel? _model;

    public GatedEmbeddingModel Model => _model ?? throw new InvalidOperationException("The model has not been loaded yet.");

    public IEmbeddingModel Load()
    {
        SentenceEncoder encoder = ModelLoader.LoadPackaged(PackagedModels.DefaultId, TestPaths.SharedDataDirectory, new EncoderOptions { Device = "cpu" });
        _model = new GatedEmbeddingModel(encoder, gate);
        return _model;
    }
}
#pragma warning restore CA1001
