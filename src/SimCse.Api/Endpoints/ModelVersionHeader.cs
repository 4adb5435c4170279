using System.Text;

namespace SimCse.Api.Endpoints;

/// <summary>Every model-dependent response names its model in <c>X-Model-Version</c> as well as in the body.</summary>
/// <remarks>
/// Header values must be visible ASCII (Kestrel throws on anything else, which would turn a response for a model
/// in a folder named "modèle" into a 500), so other characters are percent-encoded as UTF-8, like a URL segment.
/// An ASCII id, every packaged and fine-tuned one, is sent as it is.
/// </remarks>
public static class ModelVersionHeader
{
    public const string Name = "X-Model-Version";

    public static void Set(HttpContext context, string modelId)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers[Name] = Encode(modelId);
    }

    /// <summary>The id as a header value: unchanged when printable ASCII, else with other bytes (and '%') percent-encoded.</summary>
    public static string Encode(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        // A span scan, not LINQ: this runs on every embeddings response.
        if (modelId.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0 && !modelId.Contains('%', StringComparison.Ordinal))
        {
            return modelId;
        }
        var encoded = new StringBuilder(modelId.Length * 3);
        foreach (byte b in Encoding.UTF8.GetBytes(modelId))
        {
            if (b is >= (byte)' ' and <= (byte)'~' and not (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }
}
