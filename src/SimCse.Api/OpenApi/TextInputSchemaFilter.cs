using Microsoft.OpenApi;
using SimCse.Api.Contracts;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SimCse.Api.OpenApi;

/// <summary>Documents <see cref="TextInput"/> as OpenAI does: a string or an array of strings.</summary>
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
        ];
        concrete.Description = "A string, or an array of strings (at most MaxClientBatchSize).";
    }
}
