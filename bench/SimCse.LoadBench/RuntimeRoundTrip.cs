using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SimCse.Core.Batching;
using SimCse.Core.Diagnostics;
using SimCse.Core.Runtime;
using SimCse.Core.Tokenization;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;

namespace SimCse.LoadBench;

/// <summary>
/// The runtime's own share of the service path, without HTTP and without a real forward pass: one caller
/// embedding one tokenized sentence at a time through <see cref="ModelRuntime"/> on a <see cref="NoOpModel"/>
/// (admission, enqueue, model-thread wake-up, planning, completion hop back to the caller).
/// </summary>
public static class RuntimeRoundTrip
{
    public static async Task<(double P50Us, double P99Us)> MeasureAsync(IReadOnlyList<string> sentences, string dataDirectory, int calls)
    {
        using var encoder = ModelLoader.LoadPackaged(PackagedModels.DefaultId, dataDirectory, new Modeling.Encoders.EncoderOptions { Device = "cpu" });
        TokenizedInput[] inputs = [.. sentences.Take(512).Select(text => encoder.Tokenizer.Encode(text, encoder.MaxLength))];
        using var metrics = new SimCseMetrics();
        await using var runtime = new ModelRuntime(new BatchingOptions(), metrics, NullLogger<ModelRuntime>.Instance, new NoOpModel(encoder.Tokenizer));
        var latencies = new double[calls];
        for (int i = -200; i < calls; i++)
        {
            long started = Stopwatch.GetTimestamp();
            await runtime.EmbedAsync([inputs[(i + 200) % inputs.Length]], null, CancellationToken.None);
            if (i >= 0)
            {
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        }
        return (LoadResult.Percentile(latencies, 0.5), LoadResult.Percentile(latencies, 0.99));
    }
}
