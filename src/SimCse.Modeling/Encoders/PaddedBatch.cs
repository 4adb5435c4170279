using SimCse.Core.Tokenization;
using static TorchSharp.torch;

namespace SimCse.Modeling.Encoders;

/// <summary>Packs tokenized inputs into right-padded id and attention-mask tensors on a device.</summary>
public static class PaddedBatch
{
    /// <returns>[batch, longest] int64 ids (padding = <paramref name="padId"/>) and the matching 0/1 mask.</returns>
    public static (Tensor InputIds, Tensor AttentionMask) Create(IReadOnlyList<TokenizedInput> batch, int padId, Device device)
    {
        int longest = batch.Max(input => input.Length);
        long[] ids = new long[batch.Count * longest];
        long[] mask = new long[batch.Count * longest];
        Array.Fill(ids, padId);
        for (int row = 0; row < batch.Count; row++)
        {
            int[] tokens = batch[row].Ids;
            for (int column = 0; column < tokens.Length; column++)
            {
                ids[(row * longest) + column] = tokens[column];
                mask[(row * longest) + column] = 1;
            }
        }
        long[] shape = [batch.Count, longest];
        return (tensor(ids, shape).to(device), tensor(mask, shape).to(device));
    }
}
