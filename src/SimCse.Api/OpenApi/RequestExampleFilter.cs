using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SimCse.Api.OpenApi;

/// <summary>
/// Copies each route's <see cref="RequestExample"/> metadata into its OpenAPI request body: one as <c>example</c>,
/// several as named <c>examples</c> (OpenAPI allows one of the two, not both).
/// </summary>
public sealed class RequestExampleFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        RequestExample[] examples = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestExample>().ToArray();
        if (examples.Length == 0 || operation.RequestBody?.Content is null)
        {
            return;
        }
        foreach (OpenApiMediaType media in operation.RequestBody.Content.Values.OfType<OpenApiMediaType>())
        {
            if (examples.Length == 1)
            {
                media.Example = JsonNode.Parse(examples[0].Json);
                continue;
            }
            media.Examples = examples.Select((example, index) => (example, index)).ToDictionary(
                entry => entry.example.Name ?? $"example{entry.index + 1}",
                entry => (IOpenApiExample)new OpenApiExample { Summary = entry.example.Summary, Value = JsonNode.Parse(entry.example.Json) },
                StringComparer.Ordinal);
        }
    }
}
