using System.Text.Json.Nodes;
using SimCse.Api.Tests.Infrastructure;
using SimCse.Modeling.Runtime;

namespace SimCse.Api.Tests;

/// <summary>DType=auto (the default) shows its choice and the reason on the model object.</summary>
[Collection(SharedService.Name)]
public sealed class ModelDTypeTests(ServiceFactory service)
{
    private const string ModelId = "all-MiniLM-L6-v2";

    [Fact]
    public async Task LoadedModelShowsItsDTypeAndWhy()
    {
        JsonNode model = JsonNode.Parse(await service.Client.GetStringAsync(new Uri($"v1/models/{ModelId}", UriKind.Relative)))!;

        string? dtype = (string?)model["dtype"];
        string? reason = (string?)model["dtype_reason"];
        Assert.Contains(dtype, new[] { "bfloat16", "float32" });
        Assert.False(string.IsNullOrWhiteSpace(reason));
        if (!CpuFeatures.Current.HasNativeBf16)
        {
            Assert.Equal("float32", dtype);
        }
        if (dtype == "bfloat16")
        {
            Assert.Contains("start-up check passed", reason, StringComparison.Ordinal);
        }
    }
}
