using System.Net;
using System.Text.Json;
using SimCse.Api.Tests.Jobs;

namespace SimCse.Api.Tests.Files;

/// <summary><c>/v1/files</c>: upload shapes, validation by purpose naming the bad line, list, get, delete.</summary>
[Collection(JobsTestGroup.Name)]
public sealed class FilesApiTests(JobsHost host)
{
    [Fact]
    public async Task UploadReturnsTheOpenAiFileObjectAndCanBeListedReadAndDeleted()
    {
        HttpClient client = host.Client;
        string content = JobsTestData.Sentences(5);
        using HttpResponseMessage response = await JobsApi.UploadAsync(client, content, "fine-tune", "../../etc/passwd");
        JsonElement file = await JobsApi.ReadAsync(response, HttpStatusCode.OK);
        string id = file.GetProperty("id").GetString()!;
        Assert.StartsWith("file-", id, StringComparison.Ordinal);
        Assert.Equal("file", file.GetProperty("object").GetString());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(content), file.GetProperty("bytes").GetInt64());
        Assert.Equal("passwd", file.GetProperty("filename").GetString());
        Assert.Equal("fine-tune", file.GetProperty("purpose").GetString());
        Assert.True(file.GetProperty("created_at").GetInt64() > 0);
        Assert.True(File.Exists(Path.Combine(host.Factory.DataDirectory, "files", id)));

        Assert.Equal(id, (await JobsApi.GetJsonAsync(client, $"/v1/files/{id}")).GetProperty("id").GetString());
        JsonElement list = await JobsApi.GetJsonAsync(client, "/v1/files");
        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Contains(list.GetProperty("data").EnumerateArray(), f => f.GetProperty("id").GetString() == id);

        using HttpResponseMessage deleted = await client.DeleteAsync(new Uri($"/v1/files/{id}", UriKind.Relative));
        JsonElement result = await JobsApi.ReadAsync(deleted, HttpStatusCode.OK);
        Assert.True(result.GetProperty("deleted").GetBoolean());
        await JobsApi.GetJsonAsync(client, $"/v1/files/{id}", HttpStatusCode.NotFound);
        Assert.False(File.Exists(Path.Combine(host.Factory.DataDirectory, "files", id)));
    }

    [Fact]
    public async Task ABadEvaluationFileIsRefusedNamingTheLine()
    {
        string content = "5.0\tA man.\tA person.\n4.0\tA dog.\tA cat.\nnot-a-score\tx\ty\n";
        using HttpResponseMessage response = await JobsApi.UploadAsync(host.Client, content, "evaluation", "bad.tsv");
        JsonElement problem = await JobsApi.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("Line 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(host.Factory.DataDirectory, "files")), path => path.EndsWith(".upload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABadSupervisedFileIsRefusedNamingTheLine()
    {
        string content = "{\"anchor\": \"a\", \"positive\": \"b\"}\n{\"anchor\": \"c\"}\n";
        using HttpResponseMessage response = await JobsApi.UploadAsync(host.Client, content, "fine-tune", "sup.jsonl");
        JsonElement problem = await JobsApi.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("Line 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPurposeIs400()
    {
        using HttpResponseMessage response = await JobsApi.UploadAsync(host.Client, "hello\n", "assistants");
        JsonElement problem = await JobsApi.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("purpose", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUploadLargerThanTheGlobalInferenceBodyLimitIsAccepted()
    {
        // 3 MB of sentences: over Kestrel's 2 MB inference limit, under SimCse:Files:MaxBytes.
        string line = "A sentence that is long enough to take some room in the upload body for this test.\n";
        string content = string.Concat(Enumerable.Repeat(line, (3 * 1024 * 1024 / line.Length) + 1));
        using HttpResponseMessage response = await JobsApi.UploadAsync(host.Client, content, "fine-tune", "big.txt");
        await JobsApi.ReadAsync(response, HttpStatusCode.OK);
    }
}
