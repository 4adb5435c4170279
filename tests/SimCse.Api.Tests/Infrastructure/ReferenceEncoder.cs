using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;

namespace SimCse.Api.Tests.Infrastructure;

/// <summary>
/// The packaged default model loaded in the test process, outside the service: the reference the
/// service's vectors are compared against. Loaded after the service so the import cache is warm.
/// </summary>
public sealed class ReferenceEncoder : IDisposable
{
    private readonly Lazy<SentenceEncoder> _encoder = new(() =>
        ModelLoader.LoadPackaged(PackagedModels.DefaultId, TestPaths.SharedDataDirectory, new EncoderOptions { Device = "cpu", DType = ModelLoader.AutoDType }));

    public SentenceEncoder Encoder => _encoder.Value;

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        // The encoder is not thread-safe; tests of one collection run one at a time, but be safe.
        lock (_encoder)
        {
            return Encoder.EmbedTexts(texts);
        }
    }

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
