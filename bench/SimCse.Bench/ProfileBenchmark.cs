using System.Diagnostics;
using SimCse.Core.Tokenization;
using SimCse.Modeling.Bert;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Pooling;
using SimCse.Modeling.Runtime;
using SimCse.Modeling.Tests.Reference;
using TorchSharp;
using static TorchSharp.torch;

namespace SimCse.Bench;

/// <summary>
/// The <c>profile</c> command: where a MiniLM forward pass spends its time, per op class, at batch 1, 8, 32
/// and 128 (length-sorted STS-B dev sentences of median length), float32 and bfloat16, 1 and 2 threads.
/// The eager columns time each op of the plain module forward alone (synchronous on the CPU); the last
/// columns time whole forwards: the plain modules, the frozen inference encoder (what serves), and ORT.
/// </summary>
internal static class ProfileBenchmark
{
    private static readonly string[] OpClasses = ["embeddings", "QKV GEMMs", "attn-out GEMM", "FFN GEMMs", "SDPA", "LayerNorm", "GELU", "residual add", "copies/reshape", "mask", "pooling"];

    public static void Run(bool quick)
    {
        var report = new MarkdownReport();
        report.Line($"## Encoder profile, {DateTime.Now:yyyy-MM-dd HH:mm}{(quick ? " (--quick)" : "")}");
        report.Line();
        HostInfo.Describe(report);
        report.Line($"- CPU bf16 support: {CpuFeatures.Current.Bf16Support}");
        report.Line("- The host is shared with other processes, so absolute figures are noisy; whole-forward columns are the fastest of 5 rounds taken in turns; compare columns within a row.");
        report.Line();

        PackagedModel packaged = PackagedModels.MiniLm;
        ModelArtifacts artifacts = ModelFolderReader.Read(PackagedModelImporter.EnsureCached(packaged, BenchModels.DataDirectory)).Artifacts;
        string[] sentences = ReferenceSentences.StsbDev().Sentences;
        int[] batchSizes = quick ? [1, 8, 32] : [1, 8, 32, 128];
        report.Line($"### {packaged.Id}: milliseconds per forward pass");
        report.Line();
        report.Row(["dtype", "threads", "batch", "tokens", .. OpClasses, "sum eager ops", "eager forward", "frozen forward (SDPA)", "frozen, matmul attention", "ORT fp32", "frozen / eager", "ORT / frozen"]);
        report.Row(Enumerable.Repeat("---:", 3 + 1 + OpClasses.Length + 7).ToArray());
        foreach (string dtype in new[] { "float32", "bfloat16" })
        {
            using SentenceEncoder frozen = ModelLoader.FromArtifacts(packaged.Id, artifacts, BenchModels.SingleForward with { DType = dtype });
            using SentenceEncoder frozenMatMul = ModelLoader.FromArtifacts(packaged.Id, artifacts, BenchModels.SingleForward with { DType = dtype });
            frozenMatMul.Model.FreezeForInference(frozenMatMul.Model.InferenceKernel!.Value, AttentionKernel.MatMulSoftmax);
            using BertModel eager = EagerCopy(artifacts, frozen.DType);
            TokenizedInput[] inputs = sentences.Select(text => frozen.Tokenizer.Encode(text, frozen.MaxLength)).OrderBy(input => input.Length).ToArray();
            foreach (int threads in new[] { 1, 2 })
            {
                set_num_threads(threads);
                using var onnx = OnnxReferenceEncoder.ForPackaged(packaged, intraOpThreads: threads);
                foreach (int batchSize in batchSizes)
                {
                    // A batch of median-length sentences, as length-sorted batching forms them.
                    List<TokenizedInput> batch = inputs.Skip((inputs.Length - batchSize) / 2).Take(batchSize).ToList();
                    int repetitions = Math.Max(2, (quick ? 20 : 60) / batchSize);
                    var timer = new OpClassTimer();
                    for (int i = 0; i < repetitions + 1; i++)
                    {
                        ProfiledForward(eager, batch, packaged.Pooling, i == 0 ? new OpClassTimer() : timer);
                    }
                    double sum = OpClasses.Sum(opClass => timer.Milliseconds(opClass, repetitions));
                    double[] whole = MinOfRounds(repetitions, [
                        () => EagerForwardOnce(eager, batch, packaged.Pooling),
                        () => frozen.Embed(batch),
                        () => frozenMatMul.Embed(batch),
                        () => onnx.Embed(batch),
                    ]);
                    (double eagerMs, double frozenMs, double matMulMs, double onnxMs) = (whole[0], whole[1], whole[2], whole[3]);
                    report.Row([
                        dtype, threads, batchSize, batch.Sum(input => input.Length),
                        .. OpClasses.Select(opClass => $"{timer.Milliseconds(opClass, repetitions):F2}"),
                        $"{sum:F2}", $"{eagerMs:F2}", $"{frozenMs:F2}", $"{matMulMs:F2}", $"{onnxMs:F2}", $"{frozenMs / eagerMs:F2}", $"{onnxMs / frozenMs:F2}"]);
                }
            }
        }
        set_num_threads(Environment.ProcessorCount);
        report.Line();
        report.Line("eager: the plain HF-shaped modules (three Q/K/V GEMMs, head copies, always a mask). frozen: `BertInferenceEncoder` "
            + "(one fused Q/K/V GEMM, strided heads, no mask when unpadded; bf16 on the CPU via oneDNN pre-packed weights with fused GELU and residual add). "
            + "matmul attention: the same with attention as matmul + float32 softmax + matmul instead of SDPA. ORT / frozen > 1 means ours is faster.");
        report.Line();
        report.Line($"Load average at end: {HostInfo.LoadAverage()}.");
        report.Save("profile", quick);
    }

    private static BertModel EagerCopy(ModelArtifacts artifacts, ScalarType dtype)
    {
        var model = new BertModel(artifacts.Config, BertWeights.HasPooler(artifacts.Weights));
        BertWeights.Load(model, artifacts.Weights);
        model.to(dtype);
        model.eval();
        return model;
    }

    /// <summary>
    /// Milliseconds per forward of each variant: the fastest of several rounds, variants taking turns, so a
    /// burst of load from other processes on the shared cores spoils one round rather than one variant.
    /// </summary>
    /// <param name="repetitions">Forwards per round.</param>
    /// <param name="variants">One forward pass each.</param>
    private static double[] MinOfRounds(int repetitions, IReadOnlyList<Action> variants)
    {
        const int Rounds = 5;
        const int WarmUps = 4; // TorchScript's profiling executor profiles, then optimizes, per new input shape.
        double[] best = Enumerable.Repeat(double.PositiveInfinity, variants.Count).ToArray();
        foreach (Action variant in variants)
        {
            for (int i = 0; i < WarmUps; i++)
            {
                variant();
            }
        }
        for (int round = 0; round < Rounds; round++)
        {
            for (int v = 0; v < variants.Count; v++)
            {
                Action forward = variants[v];
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < repetitions; i++)
                {
                    forward();
                }
                best[v] = Math.Min(best[v], Stopwatch.GetElapsedTime(start).TotalMilliseconds / repetitions);
            }
        }
        return best;
    }

    private static void EagerForwardOnce(BertModel model, List<TokenizedInput> batch, PoolingMode pooling)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        (Tensor ids, Tensor mask) = PaddedBatch.Create(batch, model.Config.PadTokenId, CPU);
        _ = nn.functional.normalize(SentencePooling.Pool(model.forward(ids, mask), mask, pooling), p: 2, dim: 1).cpu().data<float>().ToArray();
    }

    /// <summary>The plain module forward, op by op, with each op timed into its class.</summary>
    private static void ProfiledForward(BertModel model, List<TokenizedInput> batch, PoolingMode pooling, OpClassTimer timer)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        BertConfig config = model.Config;
        Dictionary<string, Tensor> state = model.state_dict();
        (Tensor ids, Tensor mask) = PaddedBatch.Create(batch, config.PadTokenId, CPU);
        long rows = ids.shape[0];
        long length = ids.shape[1];
        int heads = config.NumAttentionHeads;
        int width = config.HiddenSize;
        long[] normShape = [width];
        Tensor keep = timer.Time("mask", () => mask.to(ScalarType.Bool).unsqueeze(1).unsqueeze(2));
        Tensor hidden = timer.Time("embeddings", () =>
        {
            Tensor positions = arange(length, dtype: ScalarType.Int64).unsqueeze(0);
            Tensor Lookup(string table, Tensor indices) => state[table].index_select(0, indices.flatten()).view(indices.shape[0], indices.shape[1], -1);
            Tensor summed = Lookup("embeddings.word_embeddings.weight", ids)
                .add_(Lookup("embeddings.token_type_embeddings.weight", zeros_like(ids)))
                .add_(Lookup("embeddings.position_embeddings.weight", positions));
            return nn.functional.layer_norm(summed, normShape, state["embeddings.LayerNorm.weight"], state["embeddings.LayerNorm.bias"], config.LayerNormEps);
        });
        for (int layer = 0; layer < config.NumHiddenLayers; layer++)
        {
            string p = $"encoder.layer.{layer}.";
            Tensor W(string name) => state[p + name];
            Tensor x = hidden;
            (Tensor q, Tensor k, Tensor v) = timer.Time("QKV GEMMs", () => (
                nn.functional.linear(x, W("attention.self.query.weight"), W("attention.self.query.bias")),
                nn.functional.linear(x, W("attention.self.key.weight"), W("attention.self.key.bias")),
                nn.functional.linear(x, W("attention.self.value.weight"), W("attention.self.value.bias"))));
            (q, k, v) = timer.Time("copies/reshape", () => (
                q.view(rows, length, heads, -1).transpose(1, 2),
                k.view(rows, length, heads, -1).transpose(1, 2),
                v.view(rows, length, heads, -1).transpose(1, 2)));
            Tensor context = timer.Time("SDPA", () => nn.functional.scaled_dot_product_attention(q, k, v, keep));
            context = timer.Time("copies/reshape", () => context.transpose(1, 2).reshape(rows, length, width));
            Tensor projected = timer.Time("attn-out GEMM", () => nn.functional.linear(context, W("attention.output.dense.weight"), W("attention.output.dense.bias")));
            projected = timer.Time("residual add", () => projected.add_(x));
            Tensor attended = timer.Time("LayerNorm", () => nn.functional.layer_norm(projected, normShape, W("attention.output.LayerNorm.weight"), W("attention.output.LayerNorm.bias"), config.LayerNormEps));
            Tensor inner = timer.Time("FFN GEMMs", () => nn.functional.linear(attended, W("intermediate.dense.weight"), W("intermediate.dense.bias")));
            inner = timer.Time("GELU", () => nn.functional.gelu(inner));
            Tensor output = timer.Time("FFN GEMMs", () => nn.functional.linear(inner, W("output.dense.weight"), W("output.dense.bias")));
            output = timer.Time("residual add", () => output.add_(attended));
            hidden = timer.Time("LayerNorm", () => nn.functional.layer_norm(output, normShape, W("output.LayerNorm.weight"), W("output.LayerNorm.bias"), config.LayerNormEps));
        }
        Tensor last = hidden;
        _ = timer.Time("pooling", () => nn.functional.normalize(SentencePooling.Pool(new BertModelOutput(last, last, null), mask, pooling), p: 2, dim: 1).cpu().data<float>().ToArray());
    }
}
