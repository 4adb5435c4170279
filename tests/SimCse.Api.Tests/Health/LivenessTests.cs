using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SimCse.Api.Tests.Infrastructure;
using SimCse.Core.Runtime;

namespace SimCse.Api.Tests.Health;

/// <summary>
/// A model thread that died (here: interrupted while it waits for work, which no code path catches)
/// must make liveness fail, so an orchestrator restarts the pod instead of routing to a process that can
/// never embed again.
/// </summary>
public sealed class LivenessTests(DeadModelThreadFactory service) : IClassFixture<DeadModelThreadFactory>
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task LivenessFailsOnceTheModelThreadHasDied()
    {
        using HttpResponseMessage before = await service.Client.GetAsync(new Uri("health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        ModelRuntime runtime = service.Services.GetRequiredService<ModelRuntime>();
        Thread modelThread = await runtime.RunOnModelThreadAsync(_ => Thread.CurrentThread).WaitAsync(SafetyNet);
        modelThread.Interrupt();
        Assert.True(modelThread.Join(SafetyNet), "the interrupted model thread should have ended");

        using HttpResponseMessage live = await service.Client.GetAsync(new Uri("health/live", UriKind.Relative));
        using HttpResponseMessage ready = await service.Client.GetAsync(new Uri("health/ready", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(live, HttpStatusCode.ServiceUnavailable);
        await ProblemAssert.IsProblemAsync(ready, HttpStatusCode.ServiceUnavailable);
    }
}
