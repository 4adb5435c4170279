namespace SimCse.LoadBench;

/// <summary>What <see cref="InProcessBaseline"/> measured.</summary>
/// <param name="OrtSingleMs">ONNX Runtime float32, one sentence per forward: p50 ms.</param>
/// <param name="TorchSingleMs">Our encoder (default options), one sentence per forward: p50 ms.</param>
/// <param name="OrtSentencesPerSecond">ONNX Runtime float32 sentences/s per batch size (length-sorted).</param>
public sealed record BaselineResult(double OrtSingleMs, double TorchSingleMs, IReadOnlyDictionary<int, double> OrtSentencesPerSecond)
{
    public double OrtBestSentencesPerSecond => OrtSentencesPerSecond.Values.Max();

    public int OrtBestBatchSize => OrtSentencesPerSecond.MaxBy(pair => pair.Value).Key;
}
