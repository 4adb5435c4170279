using System.Text.Json;
using System.Text.Json.Nodes;

namespace SimCse.Api.Tests.Infrastructure;

/// <summary>
/// Checks a JSON value against an OpenAPI 3.0 schema of the served document: the subset Swashbuckle emits
/// ($ref, type, nullable, enum, properties, additionalProperties, items, oneOf/anyOf/allOf). Returns every violation with its path.
/// </summary>
internal sealed class OpenApiSchemaValidator(JsonNode document)
{
    public IReadOnlyList<string> Validate(JsonNode? value, JsonNode schema, string path = "$")
    {
        List<string> errors = [];
        Check(value, schema, path, errors);
        return errors;
    }

    private void Check(JsonNode? value, JsonNode schema, string path, List<string> errors)
    {
        schema = Resolve(schema);
        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true && schema["type"] is not null)
            {
                errors.Add($"{path}: null is not allowed");
            }
            return;
        }
        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (JsonNode? part in allOf)
            {
                Check(value, part!, path, errors);
            }
        }
        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray alternatives
            && !alternatives.Any(alternative => Validate(value, alternative!, path).Count == 0))
        {
            errors.Add($"{path}: matches none of the {alternatives.Count} alternatives");
        }
        if (schema["enum"] is JsonArray allowed && !allowed.Any(option => JsonNode.DeepEquals(option, value)))
        {
            errors.Add($"{path}: {value.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }
        if ((string?)schema["type"] is { } type && !HasType(value, type))
        {
            errors.Add($"{path}: expected {type}, got {value.GetValueKind()}");
            return;
        }
        if (value is JsonObject obj)
        {
            JsonObject properties = schema["properties"] as JsonObject ?? [];
            foreach ((string name, JsonNode? member) in obj)
            {
                string child = $"{path}.{name}";
                if (properties[name] is { } propertySchema)
                {
                    Check(member, propertySchema, child, errors);
                }
                else if (schema["additionalProperties"] is JsonValue closed && closed.GetValue<bool>() == false)
                {
                    errors.Add($"{child}: not a property of the schema (additionalProperties: false)");
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    Check(member, additional, child, errors);
                }
            }
            foreach (JsonNode? required in schema["required"] as JsonArray ?? [])
            {
                if (!obj.ContainsKey((string)required!))
                {
                    errors.Add($"{path}: '{(string)required!}' is required");
                }
            }
        }
        if (value is JsonArray array && schema["items"] is { } items)
        {
            for (int i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{path}[{i}]", errors);
            }
        }
    }

    private JsonNode Resolve(JsonNode schema)
    {
        while ((string?)schema["$ref"] is { } reference)
        {
            JsonNode? target = document;
            foreach (string segment in reference.TrimStart('#', '/').Split('/'))
            {
                target = target?[segment];
            }
            schema = target ?? throw new InvalidOperationException($"unresolved {reference}");
        }
        return schema;
    }

    private static bool HasType(JsonNode value, string type) => (type, value.GetValueKind()) switch
    {
        ("object", JsonValueKind.Object) => true,
        ("array", JsonValueKind.Array) => true,
        ("string", JsonValueKind.String) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => value.AsValue().TryGetValue(out long _),
        _ => false,
    };
}
