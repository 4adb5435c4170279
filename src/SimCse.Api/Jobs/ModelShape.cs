using System.Text.Json;

namespace SimCse.Api.Jobs;

/// <summary>The base model's dimensions that bound a job (from its <c>config.json</c>): sequence limit and the sizes behind the activation estimate.</summary>
public sealed record ModelShape(int HiddenSize, int Layers, int AttentionHeads, int MaxSequenceLength)
{
    /// <summary>Reads a Hugging Face BERT <c>config.json</c>; null when the folder has none or it lacks the sizes.</summary>
    public static ModelShape? Read(string folder, int? maxLength = null)
    {
        string path = Path.Combine(folder, "config.json");
        if (!File.Exists(path))
        {
            return null;
        }
        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = config.RootElement;
        if (!root.TryGetProperty("hidden_size", out JsonElement hidden)
            || !root.TryGetProperty("num_hidden_layers", out JsonElement layers)
            || !root.TryGetProperty("num_attention_heads", out JsonElement heads))
        {
            return null;
        }
        int positions = root.TryGetProperty("max_position_embeddings", out JsonElement p) ? p.GetInt32() : 512;
        return new ModelShape(hidden.GetInt32(), layers.GetInt32(), heads.GetInt32(), Math.Min(positions, maxLength ?? positions));
    }
}
