using SimCse.Modeling.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SimCse.Modeling.Bert;

/// <summary>
/// A frozen, inference-only copy of a <see cref="BertEncoder"/>'s weights, laid out for speed (Q/K/V
/// concatenated into one GEMM, optionally pre-packed for oneDNN), run by <see cref="BertInferenceKernels"/>
/// in one TorchScript call. The module's own parameters (and so its HF state dict) are untouched.
/// </summary>
/// <remarks>
/// A snapshot: built once after loading, for a model whose weights no longer change (serving, not training).
/// </remarks>
public sealed class BertInferenceEncoder : IDisposable
{
    private readonly jit.ScriptModule _kernels;
    private readonly Tensor[] _weights;
    private readonly string _method;
    // Scalars owned for the encoder's lifetime rather than converted per call: TorchSharp's invoke turns a long or
    // double argument into a temporary Scalar and keeps only its native handle, so a GC during the call could
    // finalize it before libtorch reads it. Two forward lanes allocating at once made that happen (a pass failed
    // with "Scalar::toLong ... Expected false to be true").
    private readonly Scalar _heads;
    private readonly Scalar _eps;
    private readonly Scalar _attention;
    private readonly Tensor _noMask;

    private BertInferenceEncoder(jit.ScriptModule kernels, Tensor[] weights, LinearKernel kernel, AttentionKernel attention, BertConfig config, Device device)
    {
        Attention = attention;
        _kernels = kernels;
        _weights = weights;
        Kernel = kernel;
        _method = kernel == LinearKernel.OneDnnPacked ? BertInferenceKernels.OneDnnMethod : BertInferenceKernels.EagerMethod;
        _heads = (long)config.NumAttentionHeads;
        _eps = config.LayerNormEps;
        _attention = (long)attention;
        _noMask = empty(0, ScalarType.Bool, device: device);
    }

    public LinearKernel Kernel { get; }

    public AttentionKernel Attention { get; }

    /// <summary>Copies <paramref name="model"/>'s encoder weights (already on their device and dtype) into the fast layout.</summary>
    public static BertInferenceEncoder Create(BertModel model, LinearKernel kernel, AttentionKernel attention)
    {
        ArgumentNullException.ThrowIfNull(model);
        Dictionary<string, Tensor> state = model.state_dict();
        Device device = state["embeddings.word_embeddings.weight"].device;
        if (kernel == LinearKernel.OneDnnPacked && device.type != DeviceType.CPU)
        {
            throw new ArgumentException("oneDNN packed kernels run on the CPU only.", nameof(kernel));
        }
        jit.ScriptModule kernels = TorchScriptArchive.Load(BertInferenceKernels.ClassName, BertInferenceKernels.Source);
        var weights = new List<Tensor>();
        try
        {
            using var noGrad = no_grad();
            for (int layer = 0; layer < model.Config.NumHiddenLayers; layer++)
            {
                string prefix = $"encoder.layer.{layer}.";
                Tensor Weight(string name) => state[prefix + name];
                Tensor Linear(Tensor weight) => kernel == LinearKernel.OneDnnPacked
                    ? kernels.invoke<Tensor>(BertInferenceKernels.PackMethod, weight.contiguous())
                    : weight.contiguous().clone();
                using (var scope = NewDisposeScope())
                {
                    Tensor qkv = cat([Weight("attention.self.query.weight"), Weight("attention.self.key.weight"), Weight("attention.self.value.weight")], 0);
                    weights.Add(Linear(qkv).MoveToOuterDisposeScope());
                    weights.Add(cat([Weight("attention.self.query.bias"), Weight("attention.self.key.bias"), Weight("attention.self.value.bias")], 0).MoveToOuterDisposeScope());
                }
                weights.Add(Linear(Weight("attention.output.dense.weight")));
                weights.Add(Weight("attention.output.dense.bias").clone());
                weights.Add(Weight("attention.output.LayerNorm.weight").clone());
                weights.Add(Weight("attention.output.LayerNorm.bias").clone());
                weights.Add(Linear(Weight("intermediate.dense.weight")));
                weights.Add(Weight("intermediate.dense.bias").clone());
                weights.Add(Linear(Weight("output.dense.weight")));
                weights.Add(Weight("output.dense.bias").clone());
                weights.Add(Weight("output.LayerNorm.weight").clone());
                weights.Add(Weight("output.LayerNorm.bias").clone());
            }
            return new BertInferenceEncoder(kernels, [.. weights], kernel, attention, model.Config, device);
        }
        catch
        {
            weights.ForEach(tensor => tensor.Dispose());
            kernels.Dispose();
            throw;
        }
    }

    /// <param name="embedded">[batch, sequence, hidden] embeddings output.</param>
    /// <param name="keepMask">[batch, 1, 1, sequence] bool, or null when no position is padding.</param>
    /// <returns>The first and last layers' outputs, [batch, sequence, hidden].</returns>
    public (Tensor FirstLayer, Tensor LastLayer) Forward(Tensor embedded, Tensor? keepMask)
    {
        Tensor[] outputs = _kernels.invoke<Tensor[]>(_method, embedded, keepMask ?? _noMask, keepMask is not null, _weights, _heads, _eps, _attention);
        return (outputs[0], outputs[1]);
    }

    public void Dispose()
    {
        foreach (Tensor weight in _weights)
        {
            weight.Dispose();
        }
        _noMask.Dispose();
        _heads.Dispose();
        _eps.Dispose();
        _attention.Dispose();
        _kernels.Dispose();
    }
}
