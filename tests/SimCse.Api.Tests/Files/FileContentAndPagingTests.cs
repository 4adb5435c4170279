using System.Net;
using System.Text;
using System.Text.Json;
using SimCse.Api.Tests.Jobs;

namespace SimCse.Api.Tests.Files;

/// <summary>The stored bytes come back, lists page, orphaned temporaries never show up.</summary>
[Collection(JobsTestGroup.Name)]
public sealed class FileContentAndPagingTests(JobsHost host)
{
    [Fact]
    public async Task ContentReturnsTheStoredBytes()
    {
        string content = "Ünïcödé line one.\nA second line.\n";
        string id = await JobsApi.UploadIdAsync(host.Client, content, "fine-tune", "text.txt");

        using HttpResponseMessage response = await host.Client.GetAsync(new Uri($"/v1/files/{id}/content", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetBytes(content), await response.Content.ReadAsByteArrayAsync());
        await JobsApi.GetJsonAsync(host.Client, "/v1/files/file-missing/content", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task FilesPageWithAfterAndLimit()
    {
        for (int i = 0; i < 3; i++)
        {
            await JobsApi.UploadIdAsync(host.Client, $"sentence {i}\n", "fine-tune");
        }
        JsonElement all = await JobsApi.GetJsonAsync(host.Client, "/v1/files?limit=100");
        string[] ids = [.. all.GetProperty("data").EnumerateArray().Select(file => file.GetProperty("id").GetString()!)];

        var paged = new List<string>();
        string query = "/v1/files?limit=2";
        while (true)
        {
            JsonElement page = await JobsApi.GetJsonAsync(host.Client, query);
            string[] data = [.. page.GetProperty("data").EnumerateArray().Select(file => file.GetProperty("id").GetString()!)];
            Assert.InRange(data.Length, 1, 2);
            paged.AddRange(data);
            if (!page.GetProperty("has_more").GetBoolean())
            {
                break;
            }
            query = $"/v1/files?limit=2&after={data[^1]}";
        }

        Assert.True(ids.Length >= 3);
        Assert.Equal(ids, paged);
    }

    [Theory]
    [InlineData("/v1/files?limit=0", "limit")]
    [InlineData("/v1/files?limit=abc", "limit")]
    [InlineData("/v1/files?after=file-none", "after")]
    [InlineData("/v1/models?limit=1000", "limit")]
    [InlineData("/v1/models?after=nope", "after")]
    public async Task BadPagingParametersAre400NamingThem(string path, string name)
    {
        JsonElement problem = await JobsApi.GetJsonAsync(host.Client, path, HttpStatusCode.BadRequest);

        string detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(name, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsPage()
    {
        JsonElement first = await JobsApi.GetJsonAsync(host.Client, "/v1/models?limit=1");
        string firstId = first.GetProperty("data")[0].GetProperty("id").GetString()!;
        JsonElement second = await JobsApi.GetJsonAsync(host.Client, $"/v1/models?limit=1&after={Uri.EscapeDataString(firstId)}");

        Assert.True(first.GetProperty("has_more").GetBoolean());
        Assert.Single(first.GetProperty("data").EnumerateArray());
        Assert.NotEqual(firstId, second.GetProperty("data")[0].GetProperty("id").GetString());
    }
}
