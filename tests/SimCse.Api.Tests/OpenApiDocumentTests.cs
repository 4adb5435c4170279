using System.Text.Json;
using System.Text.Json.Nodes;
using SimCse.Api.Tests.Infrastructure;

namespace SimCse.Api.Tests;

/// <summary>
/// The served OpenAPI document must equal the committed docs/openapi/v1.json, so a contract change is a
/// visible diff in review. Run with UPDATE_OPENAPI=1 to accept the change (the test rewrites the file).
/// </summary>
[Collection(SharedService.Name)]
public sealed class OpenApiDocumentTests(ServiceFactory service)
{
    private static readonly string CommittedPath = Path.Combine(TestPaths.RepositoryRoot, "docs", "openapi", "v1.json");
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task ServedDocumentMatchesTheCommittedOne()
    {
        JsonNode served = await FetchAsync();

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CommittedPath)!);
            await File.WriteAllTextAsync(CommittedPath, served.ToJsonString(Pretty) + "\n");
            return;
        }

        Assert.True(File.Exists(CommittedPath), $"{CommittedPath} is missing; run the tests with UPDATE_OPENAPI=1 to create it.");
        JsonNode committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath))!;
        List<string> differences = [];
        Diff(committed, served, "$", differences);
        Assert.True(
            differences.Count == 0,
            "The OpenAPI document changed (a public contract change). If intended, update CONTRACT.md's owner and run "
            + "`UPDATE_OPENAPI=1 dotnet test tests/SimCse.Api.Tests -c Release` to rewrite docs/openapi/v1.json. Differences:\n"
            + string.Join("\n", differences.Take(25)));
    }

    [Fact]
    public async Task EveryRouteHasASummaryAndEveryJsonBodyAnExample()
    {
        JsonObject paths = (await FetchAsync())["paths"]!.AsObject();
        Assert.NotEmpty(paths);
        List<string> missing = [];
        foreach ((string path, JsonNode? item) in paths)
        {
            foreach ((string method, JsonNode? operation) in item!.AsObject().Where(entry => Methods.Contains(entry.Key)))
            {
                if (string.IsNullOrWhiteSpace((string?)operation!["summary"]))
                {
                    missing.Add($"{method.ToUpperInvariant()} {path}: no summary");
                }
                // Bodyless commands (activate, cancel) and multipart uploads have nothing to exemplify as JSON.
                JsonNode? jsonBody = operation["requestBody"]?["content"]?["application/json"];
                if (jsonBody is not null && jsonBody["example"] is null && jsonBody["examples"] is null)
                {
                    missing.Add($"{method.ToUpperInvariant()} {path}: no request example");
                }
            }
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    private async Task<JsonNode> FetchAsync() =>
        JsonNode.Parse(await service.Client.GetStringAsync(new Uri("swagger/v1/swagger.json", UriKind.Relative)))!;

    /// <summary>Collects the JSON paths where the two documents differ (object key order ignored).</summary>
    private static void Diff(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (string key in e.Select(entry => entry.Key).Union(a.Select(entry => entry.Key)))
                {
                    string child = $"{path}['{key}']";
                    if (!a.ContainsKey(key))
                    {
                        differences.Add($"{child}: removed");
                    }
                    else if (!e.ContainsKey(key))
                    {
                        differences.Add($"{child}: added");
                    }
                    else
                    {
                        Diff(e[key], a[key], child, differences);
                    }
                }
                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (int i = 0; i < e.Count; i++)
                {
                    Diff(e[i], a[i], $"{path}[{i}]", differences);
                }
                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{path}: was {expected?.ToJsonString() ?? "null"}, now {actual?.ToJsonString() ?? "null"}");
                }
                break;
        }
    }
}
