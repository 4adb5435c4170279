namespace SimCse.Modeling.Training;

/// <summary>
/// TorchScript for <see cref="FusedAdamW"/>: libtorch's fused AdamW kernel (<c>_fused_adamw_</c>, vectorised and
/// parallel over each parameter in one pass) and the gradient-norm clip as foreach ops, each one call from .NET.
/// </summary>
internal static class FusedAdamWKernels
{
    public const string ClassName = "FusedAdamWKernels";

    public const string StepMethod = "step";

    public const string ClipMethod = "clip";

    public const string Source = """
class FusedAdamWKernels(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def step(self, params: List[Tensor], grads: List[Tensor], exp_avgs: List[Tensor], exp_avg_sqs: List[Tensor], steps: List[Tensor], lr: float, beta1: float, beta2: float, weight_decay: float, eps: float) -> int:
    torch._foreach_add_(steps, 1)
    torch._fused_adamw_(params, grads, exp_avgs, exp_avg_sqs, [], steps, lr=lr, beta1=beta1, beta2=beta2, weight_decay=weight_decay, eps=eps, amsgrad=False, maximize=False, grad_scale=None, found_inf=None)
    return len(params)
  def clip(self, grads: List[Tensor], max_norm: float) -> Tensor:
    total = torch.linalg_vector_norm(torch.stack(torch._foreach_norm(grads, 2)), 2)
    torch._foreach_mul_(grads, torch.clamp(torch.mul(torch.reciprocal(torch.add(total, 1e-06)), max_norm), None, 1.0))
    return total

""";
}
