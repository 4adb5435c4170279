namespace SimCse.Api.Endpoints;

/// <summary>Small vector helpers for responses.</summary>
public static class VectorMath
{
    /// <summary>Keeps the first <paramref name="dimensions"/> components and rescales to unit length (no copy when not truncating).</summary>
    public static float[] TruncateAndNormalize(float[] vector, int? dimensions)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (dimensions is null || dimensions >= vector.Length)
        {
            return vector;
        }
        float[] result = vector[..dimensions.Value];
        double norm = Math.Sqrt(result.Sum(value => (double)value * value));
        if (norm > 0)
        {
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (float)(result[i] / norm);
            }
        }
        return result;
    }

    /// <summary>Cosine of two unit vectors (their dot product), in double precision.</summary>
    public static double Cosine(float[] a, float[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double dot = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
        }
        return dot;
    }
}
