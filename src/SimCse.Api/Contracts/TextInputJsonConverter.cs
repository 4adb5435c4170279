using System.Text.Json;
using System.Text.Json.Serialization;

namespace SimCse.Api.Contracts;

/// <summary>
/// Reads <c>"text"</c> or <c>["a", "b"]</c>; anything else (numbers, nulls inside the array, nested arrays,
/// objects) is a <see cref="JsonException"/>, which the error handler turns into a 400 naming the field.
/// </summary>
public sealed class TextInputJsonConverter : JsonConverter<TextInput>
{
    public override TextInput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new TextInput([reader.GetString()!]);
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"must be a string or an array of strings, not {Describe(reader.TokenType)}.");
        }
        var texts = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"element {texts.Count} must be a string, not {Describe(reader.TokenType)}.");
            }
            texts.Add(reader.GetString()!);
        }
        return new TextInput(texts);
    }

    public override void Write(Utf8JsonWriter writer, TextInput value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (string text in value.Texts)
        {
            writer.WriteStringValue(text);
        }
        writer.WriteEndArray();
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
