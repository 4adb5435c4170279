using System.Net;
using System.Text.Json;
using SimCse.Api.Tests.Jobs;

namespace SimCse.Api.Tests.Registry;

/// <summary><c>DELETE /v1/models/{id}</c> against the real registry (SQLite file) and real folders.</summary>
[Collection(JobsTestGroup.Name)]
public sealed class ModelDeletionTests(JobsHost host)
{
    private const string Packaged = "all-MiniLM-L6-v2";

    [Fact]
    public async Task AFineTunedCheckpointIsRemovedWithItsFolder()
    {
        string id = $"ft:{Packaged}:ftjob-gone{Guid.NewGuid():N}:step-1";
        string folder = await RegisterAsync(id, withWeights: false);

        using HttpResponseMessage response = await host.Client.DeleteAsync(Uri(id));

        JsonElement deleted = await JobsApi.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(id, deleted.GetProperty("id").GetString());
        Assert.Equal("model", deleted.GetProperty("object").GetString());
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.False(Directory.Exists(folder));
        await JobsApi.GetJsonAsync(host.Client, $"/v1/models/{System.Uri.EscapeDataString(id)}", HttpStatusCode.NotFound);
        using HttpResponseMessage again = await host.Client.DeleteAsync(Uri(id));
        await JobsApi.ReadAsync(again, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PackagedModelsCannotBeDeleted()
    {
        using HttpResponseMessage response = await host.Client.DeleteAsync(Uri(Packaged));

        JsonElement problem = await JobsApi.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("packaged", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheActiveAndThePinnedModelCannotBeDeleted()
    {
        string id = $"ft:{Packaged}:ftjob-live{Guid.NewGuid():N}:step-1";
        string folder = await RegisterAsync(id, withWeights: true);
        try
        {
            await JobsApi.PostJsonAsync(host.Client, $"/v1/models/{System.Uri.EscapeDataString(id)}/activate", new { });
            using HttpResponseMessage whileActive = await host.Client.DeleteAsync(Uri(id));
            JsonElement active = await JobsApi.ReadAsync(whileActive, HttpStatusCode.Conflict);
            Assert.Contains("active", active.GetProperty("detail").GetString(), StringComparison.Ordinal);

            // Activating the packaged model keeps this one loaded for pinned clients (KeepPrevious = 1).
            await JobsApi.PostJsonAsync(host.Client, $"/v1/models/{Packaged}/activate", new { });
            using HttpResponseMessage whilePinned = await host.Client.DeleteAsync(Uri(id));
            JsonElement pinned = await JobsApi.ReadAsync(whilePinned, HttpStatusCode.Conflict);
            Assert.Contains("loaded", pinned.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(Directory.Exists(folder));
        }
        finally
        {
            await JobsApi.PostJsonAsync(host.Client, $"/v1/models/{Packaged}/activate", new { });
        }
    }

    [Fact]
    public async Task AnUnknownModelIs404()
    {
        using HttpResponseMessage response = await host.Client.DeleteAsync(Uri("ft:nothing:ftjob-x:step-1"));

        await JobsApi.ReadAsync(response, HttpStatusCode.NotFound);
    }

    private static Uri Uri(string id) => new($"/v1/models/{System.Uri.EscapeDataString(id)}", UriKind.Relative);

    private Task<string> RegisterAsync(string id, bool withWeights) => RegisteredCheckpoints.RegisterAsync(host, id, Packaged, withWeights);
}
