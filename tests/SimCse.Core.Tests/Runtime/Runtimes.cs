using Microsoft.Extensions.Logging.Abstractions;
using SimCse.Core.Batching;
using SimCse.Core.Diagnostics;
using SimCse.Core.Runtime;
using SimCse.Core.Tests.Fakes;
using SimCse.Core.Tokenization;

namespace SimCse.Core.Tests.Runtime;

internal static class Runtimes
{
    /// <summary>A runtime over <paramref name="model"/>; one forward lane unless the options name more, so pass shapes do not depend on the machine's CPU count.</summary>
    public static ModelRuntime Create(FakeEmbeddingModel? model, BatchingOptions? options = null, SimCseMetrics? metrics = null)
    {
        options ??= new BatchingOptions();
        options.ForwardLanes ??= 1;
        return new(options, metrics ?? new SimCseMetrics(), NullLogger<ModelRuntime>.Instance, model);
    }

    public static void AssertVectors(IReadOnlyList<TokenizedInput> inputs, EmbeddingResult result)
    {
        Assert.Equal(inputs.Count, result.Embeddings.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            Assert.Equal(FakeEmbeddingModel.ExpectedVector(inputs[i]), result.Embeddings[i]);
        }
    }
}
