using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SimCse.Api.Configuration;
using SimCse.Core.Errors;
using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>
/// What a job may ask for. The known names are exactly the trainer's <see cref="TrainingHyperparameters"/> JSON names
/// (so a hyperparameter added there is known here without another list); <see cref="Bounds"/> is the one table of
/// limits — add a row to bound a new one. Everything is refused with a 400 that names the field.
/// </summary>
public static class HyperparameterRules
{
    public const string Field = "method.hyperparameters";

    /// <summary>Limits checked on the effective values (defaults included). Caps come from <c>SimCse:Training</c>; <c>max_seq_length</c> from the base model.</summary>
    public static readonly IReadOnlyList<HyperparameterBound> Bounds =
    [
        new("batch_size", 2, (options, _) => options.MaxBatchSize),
        new("mini_batch_size", 1, (options, _) => options.MaxBatchSize),
        new("n_epochs", 1, (options, _) => options.MaxEpochs),
        new("max_steps", 1, (options, _) => options.MaxSteps),
        new("eval_steps", 1, (options, _) => options.MaxEvalSteps),
        new("max_seq_length", 3, (_, model) => model?.MaxSequenceLength ?? 512),
        new("learning_rate", 0, (_, _) => 1, MinExclusive: true),
        new("temperature", 0, (_, _) => 100, MinExclusive: true),
        new("hard_negative_weight", -100, (_, _) => 100),
        new("matryoshka_distillation", 0, (_, _) => 100),
    ];

    private static readonly JsonSerializerOptions Strict = new() { NumberHandling = JsonNumberHandling.Strict };

    /// <summary>The trainer's hyperparameter names.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = typeof(TrainingHyperparameters)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(property => property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>
    /// Reads the request's hyperparameters: unknown names and wrong types are 400s naming the field. Omitted ones
    /// take <paramref name="method"/>'s default recipe.
    /// </summary>
    public static TrainingHyperparameters Parse(JsonObject? raw, int? seed, TrainingMethod method = TrainingMethod.Unsupervised)
    {
        TrainingHyperparameters parsed = new();
        if (raw is not null)
        {
            foreach ((string name, JsonNode? _) in raw)
            {
                if (!KnownNames.Contains(name, StringComparer.Ordinal))
                {
                    string hint = ClosestKnown(name) is { } close ? $" Did you mean '{close}'?" : string.Empty;
                    throw new InvalidInputException($"'{Field}.{name}' is not a known hyperparameter.{hint} Known: {string.Join(", ", KnownNames)}.");
                }
            }
            try
            {
                parsed = raw.Deserialize<TrainingHyperparameters>(Strict) ?? parsed;
            }
            catch (JsonException ex)
            {
                string path = string.IsNullOrEmpty(ex.Path) ? Field : $"{Field}{ex.Path.TrimStart('$')}";
                throw new InvalidInputException($"'{path}' has the wrong type.");
            }
        }
        parsed = parsed.WithDefaultsFor(method);
        if (seed is { } value)
        {
            parsed = parsed with { Seed = value };
        }
        try
        {
            parsed.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidInputException($"'{Field}': {ex.Message}");
        }
        return parsed;
    }

    /// <summary>Checks every bounded value that is set against <see cref="Bounds"/>.</summary>
    public static void CheckBounds(TrainingHyperparameters hyperparameters, TrainingOptions options, ModelShape? model)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        JsonObject values = hyperparameters.ToJson();
        foreach (HyperparameterBound bound in Bounds)
        {
            if (values[bound.Name] is not JsonValue node || !node.TryGetValue(out double value))
            {
                continue;
            }
            double max = bound.Max(options, model);
            bool tooSmall = bound.MinExclusive ? value <= bound.Min : value < bound.Min;
            if (tooSmall || value > max || !double.IsFinite(value))
            {
                string low = bound.MinExclusive ? $"greater than {Format(bound.Min)}" : $"at least {Format(bound.Min)}";
                throw new InvalidInputException($"'{Field}.{bound.Name}' must be {low} and at most {Format(max)}; got {Format(value)}.");
            }
        }
    }

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    /// <summary>The known name within two edits of a typo, for the error message.</summary>
    private static string? ClosestKnown(string name) =>
        KnownNames.Select(known => (known, distance: Distance(name, known))).Where(pair => pair.distance <= 2)
            .OrderBy(pair => pair.distance).Select(pair => pair.known).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        int[] previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int[] current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
