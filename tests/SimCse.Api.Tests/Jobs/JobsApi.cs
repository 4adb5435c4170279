using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SimCse.Api.Tests.Jobs;

/// <summary>HTTP helpers for the fine-tuning tests: readiness, uploads, job polling.</summary>
internal static class JobsApi
{
    public static async Task WaitReadyAsync(HttpClient client)
    {
        for (int attempt = 0; attempt < 600; attempt++)
        {
            using HttpResponseMessage response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The service did not become ready.");
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string content, string purpose, string filename = "data.txt")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", filename);
        form.Add(new StringContent(purpose), "purpose");
        return await client.PostAsync(new Uri("/v1/files", UriKind.Relative), form);
    }

    public static async Task<string> UploadIdAsync(HttpClient client, string content, string purpose, string filename = "data.txt")
    {
        using HttpResponseMessage response = await UploadAsync(client, content, purpose, filename);
        JsonElement body = await ReadAsync(response, HttpStatusCode.OK);
        return body.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> PostJsonAsync(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using HttpResponseMessage response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        return await ReadAsync(response, expected);
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using HttpResponseMessage response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadAsync(response, expected);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls the job until <paramref name="done"/> holds or the timeout passes.</summary>
    /// <param name="client">The service.</param>
    /// <param name="jobId">The job to watch.</param>
    /// <param name="done">When to stop.</param>
    /// <param name="timeout">A deadline so a broken run fails instead of hanging (not a timing assertion).</param>
    /// <param name="retryUnavailable">Treat 503 + Retry-After (the database is away) as "ask again", as a client should.</param>
    public static async Task<JsonElement> WaitForJobAsync(HttpClient client, string jobId, Func<JsonElement, bool> done, TimeSpan timeout, bool retryUnavailable = false)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using HttpResponseMessage response = await client.GetAsync(new Uri($"/v1/fine_tuning/jobs/{jobId}", UriKind.Relative));
            if (retryUnavailable && response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Job {jobId}: the service stayed unavailable.");
                await Task.Delay(250);
                continue;
            }
            JsonElement job = await ReadAsync(response, HttpStatusCode.OK);
            if (done(job))
            {
                return job;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} did not reach the expected state: {job}");
            }
            await Task.Delay(250);
        }
    }

    public static bool IsFinished(JsonElement job) => job.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled";
}
