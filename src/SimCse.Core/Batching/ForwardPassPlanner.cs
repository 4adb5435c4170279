namespace SimCse.Core.Batching;

/// <summary>
/// Splits a set of inputs into forward passes of similar-length inputs. Sorting alone cannot cut padding
/// when everything goes through one padded tensor; grouping sorted inputs can. Pure: tested without a model.
/// </summary>
/// <remarks>
/// Rules: every input is in exactly one pass; each pass is sorted by length (ties keep input order) and
/// passes come shortest first; a pass with more than one input stays within every limit of
/// <see cref="ForwardPassLimits"/>; an input that alone breaks a limit runs alone.
/// </remarks>
public static class ForwardPassPlanner
{
    /// <summary>Groups of indices into <paramref name="lengths"/>, one per forward pass.</summary>
    public static IReadOnlyList<int[]> Plan(IReadOnlyList<int> lengths, ForwardPassLimits limits)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxTokens, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.MaxPaddingFraction);

        if (lengths.Count == 1)
        {
            // The one-client case: no sorting, no allocation beyond the answer.
            return [[0]];
        }

        var order = new int[lengths.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Array.Sort is unstable; the index tie-break keeps equal lengths in input (FIFO) order.
        Array.Sort(order, (a, b) => lengths[a] != lengths[b] ? lengths[a].CompareTo(lengths[b]) : a.CompareTo(b));

        var passes = new List<int[]>();
        var start = 0;
        long realTokens = 0;
        for (var i = 0; i < order.Length; i++)
        {
            // Sorted ascending, so the candidate is the pass's new longest input.
            var length = lengths[order[i]];
            var rows = i - start + 1;
            var padded = (long)rows * length;
            var real = realTokens + length;
            var fits = rows <= limits.MaxRows && padded <= limits.MaxTokens && padded - real <= limits.MaxPaddingFraction * padded;
            if (rows > 1 && !fits)
            {
                passes.Add(order[start..i]);
                start = i;
                realTokens = 0;
            }

            realTokens += length;
        }

        if (start < order.Length)
        {
            passes.Add(order[start..]);
        }

        return passes;
    }
}
