using System.Text.Json;

namespace SimCse.Api.Tests.Jobs;

/// <summary>The new routes appear in the OpenAPI document (and the document still generates with the multipart upload).</summary>
[Collection(JobsTestGroup.Name)]
public sealed class FineTuningOpenApiTests(JobsHost host)
{
    [Theory]
    [InlineData("/v1/files")]
    [InlineData("/v1/files/{id}")]
    [InlineData("/v1/fine_tuning/jobs")]
    [InlineData("/v1/fine_tuning/jobs/{id}/cancel")]
    [InlineData("/v1/fine_tuning/jobs/{id}/events")]
    [InlineData("/v1/fine_tuning/jobs/{id}/checkpoints")]
    [InlineData("/v1/fine_tuning/jobs/{id}/report")]
    [InlineData("/v1/evaluations")]
    public async Task RouteIsDocumented(string path)
    {
        JsonElement document = await JobsApi.GetJsonAsync(host.Client, "/swagger/v1/swagger.json");
        Assert.True(document.GetProperty("paths").TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
    }
}
