using System.Text.Json.Nodes;
using SimCse.Api.Jobs;
using SimCse.Api.Tests.Infrastructure;
using SimCse.Modeling.Training;

namespace SimCse.Api.Tests;

/// <summary>
/// The Swagger examples are working requests: each validates against the served document's own schema, and the
/// fine-tuning ones also parse with the service's hyperparameter rules. The typed <c>hyperparameters</c> schema
/// names exactly what the parser accepts.
/// </summary>
[Collection(SharedService.Name)]
public sealed class OpenApiExampleTests(ServiceFactory service)
{
    private const string CreateJob = "/v1/fine_tuning/jobs";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task EveryRequestExampleValidatesAgainstItsSchema()
    {
        JsonNode document = await FetchAsync();
        var validator = new OpenApiSchemaValidator(document);
        List<string> errors = [];
        int checkedExamples = 0;
        foreach ((string path, JsonNode? item) in document["paths"]!.AsObject())
        {
            foreach ((string method, JsonNode? operation) in item!.AsObject().Where(entry => Methods.Contains(entry.Key)))
            {
                if (operation!["requestBody"]?["content"]?["application/json"] is not { } body)
                {
                    continue;
                }
                foreach ((string name, JsonNode? example) in ExamplesOf(body))
                {
                    checkedExamples++;
                    errors.AddRange(validator.Validate(example, body["schema"]!).Select(error => $"{method.ToUpperInvariant()} {path} ({name}): {error}"));
                }
            }
        }
        Assert.True(checkedExamples >= 8, $"only {checkedExamples} examples found");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task TheValidatorRefusesAnUnknownHyperparameterAndAWrongType()
    {
        JsonNode document = await FetchAsync();
        JsonNode body = document["paths"]![CreateJob]!["post"]!["requestBody"]!["content"]!["application/json"]!;
        JsonNode example = ExamplesOf(body).First().Example!.DeepClone();
        example["method"]!["hyperparameters"]!["batch_sise"] = 64;
        example["method"]!["hyperparameters"]!["n_epochs"] = "two";

        IReadOnlyList<string> errors = new OpenApiSchemaValidator(document).Validate(example, body["schema"]!);

        Assert.Contains(errors, error => error.Contains("batch_sise", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Contains("n_epochs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FineTuningExamplesShowEveryMethodAndParseWithTheServiceRules()
    {
        JsonNode body = (await FetchAsync())["paths"]![CreateJob]!["post"]!["requestBody"]!["content"]!["application/json"]!;
        List<JsonObject> examples = ExamplesOf(body).Select(entry => entry.Example!.AsObject()).ToList();

        HashSet<string> types = examples.Select(example => (string)example["method"]!["type"]!).ToHashSet();
        Assert.Equal([TrainingMethodNames.ScoredPairs, TrainingMethodNames.Supervised, TrainingMethodNames.Unsupervised], types.Order(StringComparer.Ordinal));
        Assert.Contains(examples, example => Hyperparameters(example) is { } h && h.ContainsKey("symmetric_loss") && h.ContainsKey("matryoshka_dims"));
        Assert.Contains(examples, example => Hyperparameters(example)?["mine_hard_negatives"]?.GetValue<bool>() == true);
        foreach (JsonObject example in examples)
        {
            Assert.True(TrainingMethodNames.TryParse((string?)example["method"]!["type"], out TrainingMethod method));
            TrainingHyperparameters parsed = HyperparameterRules.Parse(Hyperparameters(example), seed: null, method);
            Assert.Equal(Hyperparameters(example)!.Count, Hyperparameters(example)!.Count(entry => JsonNode.DeepEquals(entry.Value, parsed.ToJson()[entry.Key])));
        }
    }

    [Fact]
    public async Task HyperparametersAreDocumentedWithTheTrainerSchemaAndClosed()
    {
        JsonNode document = await FetchAsync();
        JsonObject schemas = document["components"]!["schemas"]!.AsObject();
        foreach (string carrier in new[] { "FineTuningMethod", "FineTuningMethodObject", "FineTuningJobObject" })
        {
            Assert.Equal("#/components/schemas/TrainingHyperparameters", (string?)schemas[carrier]!["properties"]!["hyperparameters"]!["$ref"]);
        }
        JsonNode hyperparameters = schemas["TrainingHyperparameters"]!;
        Assert.False(hyperparameters["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(HyperparameterRules.KnownNames, hyperparameters["properties"]!.AsObject().Select(entry => entry.Key).Order(StringComparer.Ordinal));
    }

    private static JsonObject? Hyperparameters(JsonObject example) => example["method"]?["hyperparameters"] as JsonObject;

    /// <summary>The body's <c>example</c>, or each of its named <c>examples</c>.</summary>
    private static IEnumerable<(string Name, JsonNode? Example)> ExamplesOf(JsonNode body)
    {
        if (body["example"] is { } single)
        {
            yield return ("example", single);
        }
        foreach ((string name, JsonNode? entry) in body["examples"] as JsonObject ?? [])
        {
            yield return (name, entry!["value"]);
        }
    }

    private async Task<JsonNode> FetchAsync() =>
        JsonNode.Parse(await service.Client.GetStringAsync(new Uri("swagger/v1/swagger.json", UriKind.Relative)))!;
}
