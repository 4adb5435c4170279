using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SimCse.Api.Tests.Jobs;

namespace SimCse.Api.Tests.Registry;

/// <summary>
/// An activation must not be undone by this replica's own fleet convergence loop. The loop compares the desired
/// model in the database with the model being served; if it ran between an activation's local swap and its write
/// of the new desired model, it swapped the old model back (seen in CI as a just-activated model that was
/// "still loaded", not active). A 5 ms convergence tick makes that window hit within a few swaps.
/// </summary>
public sealed class ActivationConvergenceRaceTests
{
    private const string Packaged = "all-MiniLM-L6-v2";

    [Fact]
    public async Task EveryActivationIsTheServedModelWhenItReturns()
    {
        await using var root = new JobsApiFactory();
        await using WebApplicationFactory<Program> factory = root.WithWebHostBuilder(builder => builder.UseSetting("SimCse:Fleet:PollInterval", "00:00:00.005"));
        using HttpClient client = factory.CreateClient();
        await JobsApi.WaitReadyAsync(client);
        string checkpoint = $"ft:{Packaged}:ftjob-race{Guid.NewGuid():N}:step-1";
        await RegisteredCheckpoints.RegisterAsync(factory.Services, root.DataDirectory, checkpoint, Packaged, withWeights: true);

        var wrong = new List<string>();
        for (int swap = 0; swap < 40; swap++)
        {
            string id = swap % 2 == 0 ? checkpoint : Packaged;
            await JobsApi.PostJsonAsync(client, $"/v1/models/{Uri.EscapeDataString(id)}/activate", new { });
            JsonElement served = await JobsApi.PostJsonAsync(client, "/v1/embeddings", new { input = "which model?" });
            string? model = served.GetProperty("model").GetString();
            if (model != id)
            {
                wrong.Add($"swap {swap}: activated {id}, served {model}");
            }
        }

        Assert.Empty(wrong);
    }
}
