using System.Text.Json;
using SimCse.Api.Tests.Jobs;

namespace SimCse.Api.Tests.Registry;

/// <summary>
/// <c>pinned</c> on the model object (the dashboard's "pinned" pill): a real activation with the default
/// SimCse:Serving:KeepPrevious = 1 keeps the previous model loaded for clients that name it.
/// </summary>
[Collection(JobsTestGroup.Name)]
public sealed class PinnedModelTests(JobsHost host)
{
    private const string Packaged = "all-MiniLM-L6-v2";

    [Fact]
    public async Task ThePreviousModelIsPinnedAfterAnActivationAndTheActiveOneIsNot()
    {
        string id = $"ft:{Packaged}:ftjob-pin{Guid.NewGuid():N}:step-1";
        string neverLoaded = $"ft:{Packaged}:ftjob-cold{Guid.NewGuid():N}:step-1";
        await RegisteredCheckpoints.RegisterAsync(host, id, Packaged, withWeights: true);
        await RegisteredCheckpoints.RegisterAsync(host, neverLoaded, Packaged, withWeights: false);
        try
        {
            await JobsApi.PostJsonAsync(host.Client, $"/v1/models/{Uri.EscapeDataString(Packaged)}/activate", new { });
            JsonElement beforeSwap = await ModelAsync(Packaged);
            Assert.True(beforeSwap.GetProperty("active").GetBoolean());
            Assert.False(beforeSwap.GetProperty("pinned").GetBoolean());

            JsonElement activated = await JobsApi.PostJsonAsync(host.Client, $"/v1/models/{Uri.EscapeDataString(id)}/activate", new { });
            Assert.True(activated.GetProperty("active").GetBoolean());
            Assert.False(activated.GetProperty("pinned").GetBoolean());

            Dictionary<string, JsonElement> listed = await ListAsync();
            Assert.True(listed[Packaged].GetProperty("loaded").GetBoolean());
            Assert.False(listed[Packaged].GetProperty("active").GetBoolean());
            Assert.True(listed[Packaged].GetProperty("pinned").GetBoolean());
            Assert.False(listed[id].GetProperty("pinned").GetBoolean());
            Assert.False(listed[neverLoaded].GetProperty("loaded").GetBoolean());
            Assert.False(listed[neverLoaded].GetProperty("pinned").GetBoolean());
            Assert.True((await ModelAsync(Packaged)).GetProperty("pinned").GetBoolean());

            // Swapping back pins the fine-tuned copy instead.
            await JobsApi.PostJsonAsync(host.Client, $"/v1/models/{Uri.EscapeDataString(Packaged)}/activate", new { });
            listed = await ListAsync();
            Assert.False(listed[Packaged].GetProperty("pinned").GetBoolean());
            Assert.True(listed[id].GetProperty("pinned").GetBoolean());
        }
        finally
        {
            await JobsApi.PostJsonAsync(host.Client, $"/v1/models/{Uri.EscapeDataString(Packaged)}/activate", new { });
        }
    }

    private async Task<JsonElement> ModelAsync(string id) =>
        await JobsApi.GetJsonAsync(host.Client, $"/v1/models/{Uri.EscapeDataString(id)}");

    private async Task<Dictionary<string, JsonElement>> ListAsync()
    {
        JsonElement list = await JobsApi.GetJsonAsync(host.Client, "/v1/models");
        return list.GetProperty("data").EnumerateArray().ToDictionary(model => model.GetProperty("id").GetString()!, model => model.Clone());
    }
}
