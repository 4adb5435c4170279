using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SimCse.Api.OpenApi;

/// <summary>Copies each route's <see cref="RequestExample"/> into its OpenAPI request body.</summary>
public sealed class RequestExampleFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        RequestExample? example = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestExample>().FirstOrDefault();
        if (example is null || operation.RequestBody?.Content is null)
        {
            return;
        }
        foreach (OpenApiMediaType media in operation.RequestBody.Content.Values.OfType<OpenApiMediaType>())
        {
            media.Example = JsonNode.Parse(example.Json);
        }
    }
}
