using System.Net;
using SimCse.Api.Tests.Infrastructure;
using SimCse.Api.Tests.Overload;

namespace SimCse.Api.Tests.Health;

/// <summary>
/// Issue 9's readiness flood: probes must not each cost a forward pass nor run ahead of requests. The
/// model thread is held inside a forward pass while the probes arrive, so the count of forward passes is
/// exact whatever the timing.
/// </summary>
public sealed class ReadinessFloodTests(GatedFactory service) : IClassFixture<GatedFactory>
{
    private const int Probes = 32;
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ConcurrentReadinessProbesCostAtMostOneForwardPassAndEveryRequestIsServed()
    {
        Task entered = service.Gate.Arm();
        int callsBefore = service.Source.Model.Calls;
        Task<HttpResponseMessage> blocking = Json.PostAsync(service.Client, "v1/embeddings", """{"input": "holds the model thread"}""");
        var probes = new List<Task<HttpResponseMessage>>();
        Task<HttpResponseMessage> request;
        try
        {
            await entered.WaitAsync(SafetyNet);
            for (int i = 0; i < Probes; i++)
            {
                probes.Add(service.Client.GetAsync(new Uri("health/ready", UriKind.Relative)));
            }
            request = Json.PostAsync(service.Client, "v1/embeddings", """{"input": "a one-sentence request behind the flood"}""");
        }
        finally
        {
            service.Gate.Release();
        }

        using HttpResponseMessage served = await request.WaitAsync(SafetyNet);
        using HttpResponseMessage first = await blocking.WaitAsync(SafetyNet);
        HttpResponseMessage[] answers = await Task.WhenAll(probes).WaitAsync(SafetyNet);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        // The two requests, plus at most one coalesced probe (none when the last batch was recent).
        int passes = service.Source.Model.Calls - callsBefore;
        Assert.InRange(passes, 2, 3);
        foreach (HttpResponseMessage answer in answers)
        {
            answer.Dispose();
        }
    }
}
