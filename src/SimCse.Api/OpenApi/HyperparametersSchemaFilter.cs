using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using SimCse.Api.Contracts;
using SimCse.Modeling.Training;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SimCse.Api.OpenApi;

/// <summary>
/// Documents <c>hyperparameters</c> with the trainer's typed <see cref="TrainingHyperparameters"/> schema. The contracts
/// hold them as a raw <see cref="JsonObject"/> (so <c>Jobs.HyperparameterRules</c> can refuse unknown names by name),
/// which Swashbuckle would otherwise show as a free-form object. Parsing is unchanged; this only shapes the document.
/// </summary>
public sealed class HyperparametersSchemaFilter : ISchemaFilter
{
    private const string HyperparametersProperty = "hyperparameters";

    private static readonly Type[] CarriersOfHyperparameters = [typeof(FineTuningMethod), typeof(FineTuningMethodObject), typeof(FineTuningJobObject)];

    // Request bodies whose unknown fields (their [JsonExtensionData]) are refused with a 400, not accepted.
    private static readonly Type[] ClosedRequests = [typeof(FineTuningMethod), typeof(FineTuningJobRequest)];

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }
        if (context.Type == typeof(TrainingHyperparameters))
        {
            // HyperparameterRules refuses names the trainer does not know.
            concrete.AdditionalProperties = null;
            concrete.AdditionalPropertiesAllowed = false;
            concrete.Description = "Every name is optional; omitted ones take the method's best-known recipe. Unknown names are refused (400 naming them).";
        }
        if (ClosedRequests.Contains(context.Type))
        {
            concrete.AdditionalProperties = null;
            concrete.AdditionalPropertiesAllowed = false;
        }
        if (CarriersOfHyperparameters.Contains(context.Type) && concrete.Properties?.ContainsKey(HyperparametersProperty) == true)
        {
            concrete.Properties[HyperparametersProperty] = context.SchemaGenerator.GenerateSchema(typeof(TrainingHyperparameters), context.SchemaRepository);
        }
        if (context.Type == typeof(FineTuningMethod) && concrete.Properties?.TryGetValue("type", out IOpenApiSchema? type) == true && type is OpenApiSchema methodType)
        {
            methodType.Enum = [JsonValue.Create(TrainingMethodNames.Unsupervised), JsonValue.Create(TrainingMethodNames.Supervised), JsonValue.Create(TrainingMethodNames.ScoredPairs)];
            methodType.Description = "Omitted = unsupervised.";
        }
    }
}
