namespace SimCse.Modeling.Bert;

/// <summary>
/// The encoder stack of <see cref="BertModel"/> for inference as one TorchScript call: fused Q/K/V projection,
/// attention on strided head views (no copies before SDPA), no mask for unpadded batches, residual adds and
/// GELU fused into the GEMMs where the kernel allows it.
/// </summary>
/// <remarks>
/// Weights come as one flat list, <see cref="WeightsPerLayer"/> per layer in this order: Q/K/V weight
/// [3H, H] and bias, attention output weight and bias, its LayerNorm weight and bias, intermediate weight and
/// bias, output weight and bias, its LayerNorm weight and bias. Written in the serialized-code dialect that
/// <see cref="Runtime.TorchScriptArchive"/> loads, which resolves <c>ops.mkldnn.*</c>.
/// </remarks>
internal static class BertInferenceKernels
{
    public const string ClassName = "BertInferenceKernels";

    public const int WeightsPerLayer = 12;

    public const string PackMethod = "pack";

    public const string EagerMethod = "encode_eager";

    public const string OneDnnMethod = "encode_onednn";

    /// <summary>
    /// The token rows a pass's GEMMs run on: exact up to 16, then whole 16-row tiles up to 256, then 8 buckets per
    /// doubling (at most an eighth wasted). oneDNN caches a primitive (JIT kernels and scratchpad) per GEMM shape, so exact row counts
    /// under mixed serving batches filled its 1,024-entry cache and grew a serving process by ~250 MiB (bench/results/service-memory-2026-12-01.md); buckets keep the
    /// shapes few, and the cache hits more often.
    /// </summary>
    public const string PaddedRowsMethod = "padded_rows";

    public const string Source = """
class BertInferenceKernels(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def pack(self, weight: Tensor) -> Tensor:
    return ops.mkldnn._reorder_linear_weight(weight, None)
  def attend(self, q: Tensor, k: Tensor, v: Tensor, mask: Tensor, use_mask: bool, attention: int) -> Tensor:
    if attention == 0:
      if use_mask:
        return torch.scaled_dot_product_attention(q, k, v, mask)
      return torch.scaled_dot_product_attention(q, k, v)
    scores = torch.matmul(q * (q.size(3) ** -0.5), k.transpose(2, 3))
    if use_mask:
      scores = scores.masked_fill(mask.logical_not(), -10000.0)
    return torch.matmul(torch.softmax(scores, 3, 6).to(q.dtype), v)
  def encode_eager(self, hidden: Tensor, mask: Tensor, use_mask: bool, weights: List[Tensor], heads: int, eps: float, attention: int) -> List[Tensor]:
    batch = hidden.size(0)
    length = hidden.size(1)
    width = hidden.size(2)
    x = hidden.reshape([batch * length, width])
    first = x
    for layer in range(len(weights) // 12):
      w = weights[layer * 12:layer * 12 + 12]
      qkv = torch.linear(x, w[0], w[1]).view([batch, length, 3, heads, width // heads]).permute([2, 0, 3, 1, 4])
      context = self.attend(qkv[0], qkv[1], qkv[2], mask, use_mask, attention).transpose(1, 2).reshape([batch * length, width])
      attended = torch.layer_norm(torch.linear(context, w[2], w[3]).add_(x), [width], w[4], w[5], eps)
      inner = torch.gelu(torch.linear(attended, w[6], w[7]))
      x = torch.layer_norm(torch.linear(inner, w[8], w[9]).add_(attended), [width], w[10], w[11], eps)
      if layer == 0:
        first = x
    return [first.view([batch, length, width]), x.view([batch, length, width])]
  def padded_rows(self, rows: int) -> int:
    if rows <= 16:
      return rows
    step = 16
    while step * 16 <= rows:
      step = step * 2
    return (rows + step - 1) // step * step
  def pad_rows(self, x: Tensor, padding: int) -> Tensor:
    if padding == 0:
      return x
    return torch.constant_pad_nd(x, [0, 0, 0, padding], 0.0)
  def encode_onednn(self, hidden: Tensor, mask: Tensor, use_mask: bool, weights: List[Tensor], heads: int, eps: float, attention: int) -> List[Tensor]:
    batch = hidden.size(0)
    length = hidden.size(1)
    width = hidden.size(2)
    rows = batch * length
    padding = self.padded_rows(rows) - rows
    x = self.pad_rows(hidden.reshape([rows, width]), padding)
    first = x
    for layer in range(len(weights) // 12):
      w = weights[layer * 12:layer * 12 + 12]
      qkv = ops.mkldnn._linear_pointwise(x, w[0], w[1], "none", [], "").narrow(0, 0, rows).view([batch, length, 3, heads, width // heads]).permute([2, 0, 3, 1, 4])
      context = self.pad_rows(self.attend(qkv[0], qkv[1], qkv[2], mask, use_mask, attention).transpose(1, 2).reshape([rows, width]), padding)
      attended = torch.layer_norm(ops.mkldnn._linear_pointwise(context, x, w[2], w[3], "add"), [width], w[4], w[5], eps)
      inner = ops.mkldnn._linear_pointwise(attended, w[6], w[7], "gelu", [], "none")
      x = torch.layer_norm(ops.mkldnn._linear_pointwise(inner, attended, w[8], w[9], "add"), [width], w[10], w[11], eps)
      if layer == 0:
        first = x
    return [first.narrow(0, 0, rows).view([batch, length, width]), x.narrow(0, 0, rows).view([batch, length, width])]

""";
}
