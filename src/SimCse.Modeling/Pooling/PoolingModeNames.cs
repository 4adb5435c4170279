namespace SimCse.Modeling.Pooling;

/// <summary>The SimCSE names of pooling modes ("cls", "cls_before_pooler", "mean", "first_last_avg"), used in files and the API.</summary>
public static class PoolingModeNames
{
    public static string ToName(PoolingMode mode) => mode switch
    {
        PoolingMode.Cls => "cls",
        PoolingMode.ClsBeforePooler => "cls_before_pooler",
        PoolingMode.Mean => "mean",
        PoolingMode.FirstLastAvg => "first_last_avg",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static PoolingMode Parse(string name) => TryParse(name, out PoolingMode mode)
        ? mode
        : throw new ArgumentException($"Unknown pooling '{name}': expected cls, cls_before_pooler, mean or first_last_avg.", nameof(name));

    public static bool TryParse(string? name, out PoolingMode mode)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "cls":
                mode = PoolingMode.Cls;
                return true;
            case "cls_before_pooler":
                mode = PoolingMode.ClsBeforePooler;
                return true;
            case "mean" or "avg":
                mode = PoolingMode.Mean;
                return true;
            case "first_last_avg" or "avg_first_last":
                mode = PoolingMode.FirstLastAvg;
                return true;
            default:
                mode = default;
                return false;
        }
    }
}
