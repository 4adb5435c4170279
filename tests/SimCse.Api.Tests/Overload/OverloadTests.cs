using System.Net;
using System.Text.Json.Nodes;
using SimCse.Api.Tests.Infrastructure;
using SimCse.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace SimCse.Api.Tests.Overload;

/// <summary>
/// Admission control and disconnects, made deterministic by holding the model thread inside a forward
/// pass: nothing here depends on timing, only on what the gate lets through.
/// </summary>
public sealed class OverloadTests(GatedFactory service) : IClassFixture<GatedFactory>
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RequestBeyondThePermitsIs429WithRetryAfter()
    {
        Task entered = service.Gate.Arm();
        Task<HttpResponseMessage> first = Json.PostAsync(service.Client, "v1/embeddings", """{"input": ["first of two", "second of two"]}""");
        try
        {
            await entered.WaitAsync(SafetyNet);

            using HttpResponseMessage refused = await Json.PostAsync(service.Client, "v1/embeddings", """{"input": "one more"}""");

            string? detail = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
            Assert.Contains("overloaded", detail, StringComparison.OrdinalIgnoreCase);
            TimeSpan? retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.True(retryAfter >= TimeSpan.FromSeconds(1), $"Retry-After {retryAfter}");
        }
        finally
        {
            service.Gate.Release();
        }

        using HttpResponseMessage admitted = await first;
        JsonNode body = await Json.ReadAsync(admitted);
        Assert.Equal(2, body["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task AdmissionIsDecidedBeforeTokenizing()
    {
        // Truncation is off here, so tokenizing this input would answer 422; a full service must refuse
        // it with 429 before spending any tokenization on it.
        string longText = string.Join(' ', Enumerable.Repeat("sentence", 600));
        Task entered = service.Gate.Arm();
        Task<HttpResponseMessage> first = Json.PostAsync(service.Client, "v1/embeddings", """{"input": ["first of two", "second of two"]}""");
        try
        {
            await entered.WaitAsync(SafetyNet);

            using HttpResponseMessage refused = await Json.PostAsync(service.Client, "v1/embeddings", Json.Serialize(new { input = longText }));

            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        }
        finally
        {
            service.Gate.Release();
        }

        using HttpResponseMessage admitted = await first;
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
    }

    [Fact]
    public async Task DisconnectedRequestIsNeverComputed()
    {
        const string abandoned = "zebras gallop across the savannah at dawn";
        int[] abandonedIds = service.Source.Model.Tokenizer.Encode(abandoned, 256).Ids;
        double cancelledBefore = PrometheusText.Sum(await PrometheusText.ScrapeAsync(service.Client), "simcse_inputs_cancelled_total");
        SimCseMetrics metrics = service.Services.GetRequiredService<SimCseMetrics>();

        Task entered = service.Gate.Arm();
        Task<HttpResponseMessage> blocking = Json.PostAsync(service.Client, "v1/embeddings", """{"input": "holds the model thread"}""");
        using var disconnect = new CancellationTokenSource();
        Task<HttpResponseMessage> queued;
        try
        {
            await entered.WaitAsync(SafetyNet);
            // Its own client (connection), so cancelling it closes only this request's connection.
            using HttpClient client = service.CreateHttpClient();
            queued = Json.PostAsync(client, "v1/embeddings", Json.Serialize(new { input = abandoned }), disconnect.Token);
            await WaitUntilAsync(() => metrics.QueuedInputs == 1, "the second request to be queued");

            Task serverSawDisconnect = service.Completions.WaitForAsync("/v1/embeddings", 499, CancellationToken.None);
            await disconnect.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
            await serverSawDisconnect.WaitAsync(SafetyNet).ContinueWith(task => task.IsFaulted ? throw new TimeoutException("The server never finished the disconnected request with 499.") : task, TaskScheduler.Default).Unwrap();
        }
        finally
        {
            service.Gate.Release();
        }

        using HttpResponseMessage first = await blocking;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        // FIFO: once a later request is served, the abandoned input ahead of it has been dropped.
        using HttpResponseMessage after = await Json.PostAsync(service.Client, "v1/embeddings", """{"input": "served after the drop"}""");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);

        Assert.DoesNotContain(service.Source.Model.Seen, ids => ids.AsSpan().SequenceEqual(abandonedIds));
        // The Prometheus exporter caches its scrape briefly, so wait for the counter to move, then check by how much.
        double cancelledAfter = cancelledBefore;
        await WaitUntilAsync(async () => (cancelledAfter = PrometheusText.Sum(await PrometheusText.ScrapeAsync(service.Client), "simcse_inputs_cancelled_total")) > cancelledBefore, "simcse_inputs_cancelled_total to count the dropped input");
        Assert.Equal(1, cancelledAfter - cancelledBefore);
    }

    [Fact]
    public async Task InputOverTheTokenLimitIs422WhenTruncationIsOff()
    {
        string longText = string.Join(' ', Enumerable.Repeat("sentence", 600));
        int callsBefore = service.Source.Model.Calls;

        using HttpResponseMessage response = await Json.PostAsync(service.Client, "v1/embeddings", Json.Serialize(new { input = new[] { "short", longText } }));

        string? detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("input[1]", detail, StringComparison.Ordinal);
        Assert.Contains("auto-truncation", detail, StringComparison.Ordinal);
        Assert.Equal(callsBefore, service.Source.Model.Calls);
    }

    [Fact]
    public async Task ServedInputsReachTheModel()
    {
        // Guards the disconnect test: the decorator does see inputs that run.
        const string text = "penguins huddle together in the antarctic winter";
        int[] ids = service.Source.Model.Tokenizer.Encode(text, 256).Ids;

        using HttpResponseMessage response = await Json.PostAsync(service.Client, "v1/embeddings", Json.Serialize(new { input = text }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(service.Source.Model.Seen, seen => seen.AsSpan().SequenceEqual(ids));
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        // Polls a state change the test caused; the deadline is a safety net, not a timing assertion.
        DateTime deadline = DateTime.UtcNow + SafetyNet;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what}.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
