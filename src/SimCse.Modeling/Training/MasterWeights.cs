using SimCse.Modeling.Bert;
using SimCse.Modeling.Loading;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimCse.Modeling.Training;

/// <summary>
/// Mixed precision without autocast (TorchSharp 0.107 has none for the CPU): a low-precision copy of the
/// model runs forward and backward; its gradients are copied into the float32 master weights, which the
/// optimizer updates, and the updated masters are copied back. Small updates that bfloat16 weights would
/// round away accumulate in the masters.
/// </summary>
internal sealed class MasterWeights : IDisposable
{
    private readonly IReadOnlyList<(string Name, Parameter Master)> _trainable;
    private readonly Dictionary<string, Parameter> _compute;

    public MasterWeights(BertModel master, IReadOnlyList<(string Name, Parameter Master)> trainable, ScalarType dtype, Device device)
    {
        Compute = new BertModel(master.Config, master.HasPooler);
        BertWeights.Load(Compute, BertWeights.Export(master));
        Compute.to(dtype).to(device);
        Compute.train();
        _trainable = trainable;
        _compute = Compute.named_parameters().ToDictionary(p => p.name, p => p.parameter);
    }

    /// <summary>The low-precision model that runs the training passes.</summary>
    public BertModel Compute { get; }

    /// <summary>Master gradient = float32 of the compute gradient (call after backward, before clipping).</summary>
    public void CopyGradients()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach ((string name, Parameter master) in _trainable)
        {
            if (_compute[name].grad is not { } gradient)
            {
                continue;
            }
            if (master.grad is { } existing)
            {
                existing.copy_(gradient);
            }
            else
            {
                master.grad = gradient.to(ScalarType.Float32).detach();
            }
        }
    }

    /// <summary>Compute weights = the updated masters (call after the optimizer step); clears the compute gradients.</summary>
    public void CopyWeights()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach ((string name, Parameter master) in _trainable)
        {
            _compute[name].copy_(master);
        }
        // To none, not zero-filled: the next backward then writes the gradients instead of adding them to zeros.
        foreach (Parameter parameter in _compute.Values)
        {
            parameter.grad = null;
        }
    }

    public void Dispose() => Compute.Dispose();
}
