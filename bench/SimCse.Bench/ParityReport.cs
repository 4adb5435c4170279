using SimCse.Core.Tokenization;
using SimCse.Modeling.Tests;
using SimCse.Modeling.Tests.Reference;

namespace SimCse.Bench;

/// <summary>
/// Full STS-B dev agreement between runtimes and dtypes on the same token ids: per-sentence cosine of the
/// vectors and the STS Spearman each configuration scores.
/// </summary>
internal static class ParityReport
{
    public static void Header(MarkdownReport report, int pairs)
    {
        report.Line($"### Parity on STS-B dev ({pairs} pairs, {2 * pairs} sentences, batch 32 length-sorted)");
        report.Line();
        report.Row("model", "cos fp32 vs ORT min", "mean", "max 1 - cos", "default dtype", "cos default vs fp32 min", "mean", "Spearman ORT fp32", "TorchSharp fp32", "TorchSharp default", "fp32 - ORT", "default - fp32");
        report.Row("---", "---:", "---:", "---:", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:");
    }

    public static void Run(MarkdownReport report, BenchModels models, double[] gold, IReadOnlyList<TokenizedInput> inputs)
    {
        float[][] fp32 = BatchRunner.EmbedAll(models.Fp32.Embed, inputs, 32, sortByLength: true);
        float[][] chosen = BatchRunner.EmbedAll(models.Default.Embed, inputs, 32, sortByLength: true);
        float[][] onnx = BatchRunner.EmbedAll(models.Onnx.Embed, inputs, 32, sortByLength: true);
        double[] fp32VsOnnx = fp32.Zip(onnx, Cosine.Of).ToArray();
        double[] defaultVsFp32 = chosen.Zip(fp32, Cosine.Of).ToArray();
        double spearmanOnnx = StsEvaluation.SpearmanTimes100(gold, onnx);
        double spearmanFp32 = StsEvaluation.SpearmanTimes100(gold, fp32);
        double spearmanDefault = StsEvaluation.SpearmanTimes100(gold, chosen);
        report.Row(
            models.Model.Id,
            $"{fp32VsOnnx.Min():F9}",
            $"{fp32VsOnnx.Average():F9}",
            $"{1 - fp32VsOnnx.Min():0.0E+0}",
            models.DefaultDType.DType,
            $"{defaultVsFp32.Min():F5}",
            $"{defaultVsFp32.Average():F5}",
            $"{spearmanOnnx:F3}",
            $"{spearmanFp32:F3}",
            $"{spearmanDefault:F3}",
            $"{spearmanFp32 - spearmanOnnx:+0.000;-0.000}",
            $"{spearmanDefault - spearmanFp32:+0.000;-0.000}");
    }
}
