using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SimCse.Api.Tests.Infrastructure;
using SimCse.Api.Tests.Jobs;

namespace SimCse.Api.Tests.Hardening;

/// <summary>Inputs that used to reach a 500: each now gives a 4xx problem (or a 200 with undefined metrics as null).</summary>
[Collection(JobsTestGroup.Name)]
public sealed class ErrorMappingTests(JobsHost host)
{
    [Fact]
    public async Task AnEvaluationWhoseGoldScoresAreAllEqualReportsUndefinedCorrelationsAsNull()
    {
        // Spearman and Pearson are undefined (zero variance): once serialized as NaN, a 500.
        string content = "3.0\tA man plays a guitar.\tSomeone plays music.\n3.0\tA dog runs.\tA cat sleeps.\n3.0\tIt rains.\tThe sun shines.\n";
        string file = await JobsApi.UploadIdAsync(host.Client, content, "evaluation", "flat.tsv");

        JsonElement result = await JobsApi.PostJsonAsync(host.Client, "/v1/evaluations", new { file });

        Assert.Equal(3, result.GetProperty("pairs").GetInt32());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("spearman").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("pearson").ValueKind);
        Assert.Contains("equal", result.GetProperty("undefined_metrics").GetProperty("spearman").GetString(), StringComparison.Ordinal);
        Assert.True(double.IsFinite(result.GetProperty("uniformity").GetDouble()));
    }

    [Theory]
    [InlineData("image/svg+xml")]
    [InlineData("text/html")]
    [InlineData("image/png, text/plain;q=0.5")]
    public async Task AnyAcceptHeaderGetsAProblemBody(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/fine_tuning/jobs/ftjob-unknown/report", UriKind.Relative));
        request.Headers.Accept.ParseAdd(accept);

        using HttpResponseMessage response = await host.Client.SendAsync(request);

        // None of these Accepts covers problem+json, so the same problem body comes as application/json (CONTRACT.md).
        string? detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "application/json");
        Assert.Contains("ftjob-unknown", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=xyz", "garbage without any boundary")]
    [InlineData("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nunterminated")]
    [InlineData("multipart/form-data", "--xyz\r\n\r\n--xyz--\r\n")]
    public async Task AMalformedMultipartBodyIs400Not413(string contentType, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using HttpResponseMessage response = await host.Client.PostAsync(new Uri("/v1/files", UriKind.Relative), content);

        string? detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("multipart", detail, StringComparison.OrdinalIgnoreCase);
    }
}
