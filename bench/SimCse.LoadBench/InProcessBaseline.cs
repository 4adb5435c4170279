using System.Diagnostics;
using SimCse.Core.Tokenization;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Tests.Reference;

namespace SimCse.LoadBench;

/// <summary>
/// In-process engines on the load's sentences, no HTTP or queue: ONNX Runtime float32 (the engine TEI's and
/// Infinity's CPU paths use) and our TorchSharp encoder in its default configuration.
/// </summary>
public static class InProcessBaseline
{
    public static readonly int[] ThroughputBatchSizes = [8, 32, 64, 128];

    public static BaselineResult Measure(IReadOnlyList<string> sentences, string dataDirectory, TimeSpan budgetPerPhase)
    {
        PackagedModel packaged = PackagedModels.MiniLm;
        using SentenceEncoder torch = ModelLoader.LoadPackaged(packaged.Id, dataDirectory, new EncoderOptions { Device = "cpu", DType = ModelLoader.AutoDType });
        using var ort = OnnxReferenceEncoder.ForPackaged(packaged, intraOpThreads: Environment.ProcessorCount);
        TokenizedInput[] inputs = [.. sentences.Select(text => torch.Tokenizer.Encode(text, torch.MaxLength))];

        double ortSingle = SingleForwardP50(inputs, batch => ort.Embed(batch), budgetPerPhase);
        double torchSingle = SingleForwardP50(inputs, batch => torch.Embed(batch), budgetPerPhase);
        var ortThroughput = new Dictionary<int, double>();
        foreach (int size in ThroughputBatchSizes)
        {
            ortThroughput[size] = SentencesPerSecond(inputs, size, batch => ort.Embed(batch), budgetPerPhase / 2);
        }
        return new BaselineResult(ortSingle, torchSingle, ortThroughput);
    }

    /// <summary>p50 ms of one-sentence forward passes over the sentences in order.</summary>
    private static double SingleForwardP50(TokenizedInput[] inputs, Func<TokenizedInput[], float[][]> embed, TimeSpan budget)
    {
        for (int i = 0; i < 20; i++)
        {
            embed([inputs[i % inputs.Length]]);
        }
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (int i = 0; clock.Elapsed < budget; i++)
        {
            long started = Stopwatch.GetTimestamp();
            embed([inputs[i % inputs.Length]]);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return LoadResult.Percentile(latencies, 0.5);
    }

    /// <summary>Length-sorted batches of <paramref name="size"/> (the engine's best case), sentences per second.</summary>
    private static double SentencesPerSecond(TokenizedInput[] inputs, int size, Func<TokenizedInput[], float[][]> embed, TimeSpan budget)
    {
        TokenizedInput[][] batches = [.. inputs.OrderBy(input => input.Length).Chunk(size)];
        embed(batches[^1]);
        long done = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < budget)
        {
            foreach (TokenizedInput[] batch in batches)
            {
                embed(batch);
                done += batch.Length;
                if (clock.Elapsed >= budget)
                {
                    break;
                }
            }
        }
        return done / clock.Elapsed.TotalSeconds;
    }
}
