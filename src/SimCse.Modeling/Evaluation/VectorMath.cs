namespace SimCse.Modeling.Evaluation;

/// <summary>Small dense-vector helpers for the evaluators (double accumulation for stable metrics).</summary>
internal static class VectorMath
{
    public static double SquaredDistance(float[] a, float[] b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++)
        {
            double difference = (double)a[k] - b[k];
            sum += difference * difference;
        }
        return sum;
    }

    public static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++)
        {
            sum += (double)a[k] * b[k];
        }
        return sum;
    }

    public static float[] Normalized(float[] vector)
    {
        double norm = Math.Sqrt(Dot(vector, vector));
        return norm == 0 ? vector : vector.Select(value => (float)(value / norm)).ToArray();
    }
}
