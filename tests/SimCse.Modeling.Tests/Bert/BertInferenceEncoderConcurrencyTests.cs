using SimCse.Core.Tokenization;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;

namespace SimCse.Modeling.Tests.Bert;

public sealed class BertInferenceEncoderConcurrencyTests
{
    [Fact]
    public async Task ConcurrentPassesSurviveGarbageCollectionsDuringTheTorchScriptCall()
    {
        // Reproduces a use-after-free: TorchSharp's invoke passed temporary Scalars (heads, eps) by handle only, and a
        // GC on another thread could finalize them mid-call. The collector thread forces that window open.
        using SentenceEncoder encoder = ModelLoader.FromArtifacts("tiny", TinyBert.Create(), new EncoderOptions { Device = "cpu" });
        TokenizedInput[] pass = [encoder.Tokenizer.Encode("the cat sat on the mat", encoder.MaxLength), encoder.Tokenizer.Encode("a dog", encoder.MaxLength)];
        float[][] expected = encoder.Embed(pass);
        using var stop = new CancellationTokenSource();
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });

        try
        {
            Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, _ =>
            {
                for (int i = 0; i < 1500; i++)
                {
                    float[][] vectors = encoder.Embed(pass, concurrentPasses: 2);
                    Assert.True(Cosine.Of(expected[0], vectors[0]) >= 0.99999);
                }
            });
        }
        finally
        {
            await stop.CancelAsync();
            await collector;
        }
    }
}
