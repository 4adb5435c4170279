using Microsoft.OpenApi;
using SimCse.Api.Contracts;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SimCse.Api.OpenApi;

/// <summary>Documents <see cref="TextInput"/> as OpenAI does: a string, an array of strings, or token ids.</summary>
public sealed class TextInputSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Type != typeof(TextInput) || schema is not OpenApiSchema concrete)
        {
            return;
        }
        concrete.Type = null;
        concrete.Properties?.Clear();
        concrete.OneOf =
        [
            new OpenApiSchema { Type = JsonSchemaType.String },
            new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Integer } } },
        ];
        concrete.Description = "A string, or an array of strings (at most MaxClientBatchSize). /v1/embeddings also takes token ids of the served model's vocabulary: int[] (one input) or int[][].";
    }
}
