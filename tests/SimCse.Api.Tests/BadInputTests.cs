using System.Net;
using System.Net.Http.Headers;
using SimCse.Api.Tests.Infrastructure;

namespace SimCse.Api.Tests;

/// <summary>
/// Every malformed request is the client's fault: a 4xx problem+json naming the field, never a 5xx,
/// and the service stays ready afterwards.
/// </summary>
[Collection(SharedService.Name)]
public sealed class BadInputTests(ServiceFactory service)
{
    public static TheoryData<string> Cases => BadInputCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task IsRefusedAsAProblemNamingTheField(string name)
    {
        BadInputCase bad = BadInputCases.All[name];
        using var request = new HttpRequestMessage(bad.Method, new Uri(bad.Path, UriKind.Relative));
        if (bad.Body is not null)
        {
            request.Content = new ByteArrayContent(bad.Body);
            request.Content.Headers.ContentType = bad.ContentType is null ? null : MediaTypeHeaderValue.Parse(bad.ContentType);
        }

        using HttpResponseMessage response = await service.Client.SendAsync(request);

        Assert.True((int)response.StatusCode < 500, $"{bad.Name}: {(int)response.StatusCode}");
        string? detail = await ProblemAssert.IsProblemAsync(response, bad.Status);
        if (bad.DetailMentions is not null)
        {
            Assert.NotNull(detail);
            Assert.Contains(bad.DetailMentions, detail, StringComparison.OrdinalIgnoreCase);
        }
        if (bad.Status == HttpStatusCode.MethodNotAllowed)
        {
            Assert.NotEmpty(response.Content.Headers.Allow);
            Assert.DoesNotContain(bad.Method.Method, response.Content.Headers.Allow);
        }
        using HttpResponseMessage ready = await service.Client.GetAsync(new Uri("health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public void TheSuiteCoversEnoughCases() => Assert.True(BadInputCases.All.Count >= 100, $"only {BadInputCases.All.Count} cases");

    [Theory]
    [InlineData("\\u0000\\u0001\\u0002")]
    [InlineData("\\u200b\\u200b")]
    [InlineData("\\ufeff")]
    public async Task InputsThatTokenizeToNothingAreNeverAServerError(string escaped)
    {
        // Escaped control and zero-width characters are valid JSON strings that the tokenizer strips to
        // nothing: embedding [CLS][SEP] (200) or refusing (4xx) are both fine, a 5xx is not.
        using HttpResponseMessage response = await Json.PostAsync(service.Client, "v1/embeddings", $$"""{"input": "{{escaped}}"}""");

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
