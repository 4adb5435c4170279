using System.Text.Json;
using System.Text.Json.Serialization;

namespace SimCse.Api.Contracts;

/// <summary>
/// Reads <c>"text"</c>, <c>["a", "b"]</c>, <c>[101, 2023, 102]</c> (one input as token ids) or
/// <c>[[101, 102], [101, 2023, 102]]</c>. The first element decides which; anything else (mixed arrays,
/// non-integer numbers, nulls, objects, deeper nesting) is a <see cref="JsonException"/>, which the error
/// handler turns into a 400 naming the field.
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
            throw new JsonException($"must be a string, an array of strings, or token ids (int[] or int[][]), not {Describe(reader.TokenType)}.");
        }
        if (!reader.Read())
        {
            throw new JsonException("ends inside the array.");
        }
        return reader.TokenType switch
        {
            JsonTokenType.EndArray => new TextInput([]),
            JsonTokenType.String => new TextInput(ReadStrings(ref reader)),
            JsonTokenType.Number => new TextInput([]) { TokenIds = [ReadIds(ref reader, "element")] },
            JsonTokenType.StartArray => new TextInput([]) { TokenIds = ReadIdArrays(ref reader) },
            _ => throw new JsonException($"element 0 must be a string, a token id or an array of token ids, not {Describe(reader.TokenType)}."),
        };
    }

    public override void Write(Utf8JsonWriter writer, TextInput value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        if (value.TokenIds is { } ids)
        {
            foreach (int[] input in ids)
            {
                writer.WriteStartArray();
                foreach (int id in input)
                {
                    writer.WriteNumberValue(id);
                }
                writer.WriteEndArray();
            }
        }
        else
        {
            foreach (string text in value.Texts)
            {
                writer.WriteStringValue(text);
            }
        }
        writer.WriteEndArray();
    }

    /// <summary>Strings from the current (first) element to the end of the array.</summary>
    private static List<string> ReadStrings(ref Utf8JsonReader reader)
    {
        var texts = new List<string>();
        do
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"element {texts.Count} must be a string like element 0, not {Describe(reader.TokenType)}.");
            }
            texts.Add(reader.GetString()!);
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
        return texts;
    }

    /// <summary>Integers from the current (first) element to the end of the array.</summary>
    private static int[] ReadIds(ref Utf8JsonReader reader, string what)
    {
        var ids = new List<int>();
        do
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int id))
            {
                string found = reader.TokenType == JsonTokenType.Number ? "a number that is not a 32-bit integer" : Describe(reader.TokenType);
                throw new JsonException($"{what} {ids.Count} must be an integer token id, not {found}.");
            }
            ids.Add(id);
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
        return [.. ids];
    }

    private static List<int[]> ReadIdArrays(ref Utf8JsonReader reader)
    {
        var inputs = new List<int[]>();
        do
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"element {inputs.Count} must be an array of token ids like element 0, not {Describe(reader.TokenType)}.");
            }
            if (!reader.Read())
            {
                throw new JsonException("ends inside the array.");
            }
            inputs.Add(reader.TokenType == JsonTokenType.EndArray ? [] : ReadIds(ref reader, $"element {inputs.Count}, id"));
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
        return inputs;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.String => "a string",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
