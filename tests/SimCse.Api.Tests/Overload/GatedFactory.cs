using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SimCse.Api.Serving;
using SimCse.Api.Tests.Infrastructure;

namespace SimCse.Api.Tests.Overload;

/// <summary>
/// The service on a gated real model with room for only two inputs at once and truncation off, for
/// deterministic overload, disconnect and 422 tests.
/// </summary>
public sealed class GatedFactory : SimCseFactory
{
    public ForwardGate Gate { get; } = new();

    public RequestCompletions Completions { get; } = new();

    public GatedModelSource Source => Services.GetRequiredService<GatedModelSource>();

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        .. base.Settings(),
        new("SimCse:Batching:MaxConcurrentRequests", "2"),
        new("SimCse:Batching:MaxClientBatchSize", "2"),
        new("SimCse:Inference:AutoTruncate", "false"),
    ];

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton(Gate);
        services.AddSingleton<GatedModelSource>();
        services.AddSingleton<IStartupModelSource>(provider => provider.GetRequiredService<GatedModelSource>());
        services.AddSingleton<IStartupFilter>(Completions);
    }

    protected override void Dispose(bool disposing)
    {
        Gate.Release();
        base.Dispose(disposing);
        if (disposing)
        {
            Gate.Dispose();
        }
    }
}
