using System.Text.Json;
using System.Xml.Linq;

namespace SimCse.Api.Tests.Jobs;

/// <summary>
/// A job's curves (what /ui and the report draw) start at the base model, evaluated by the service on the
/// job's validation file, and the SVG report is one canvas whose panels fill it below a header.
/// </summary>
[Collection(JobsTestGroup.Name)]
public sealed class JobCurvesTests(JobsHost host)
{
    [Fact]
    public async Task CurvesStartAtTheBaseModelAndTheReportFillsItsCanvas()
    {
        HttpClient client = host.Client;
        string training = await JobsApi.UploadIdAsync(client, JobsTestData.Sentences(40), "fine-tune", "unlabeled.txt");
        string validation = await JobsApi.UploadIdAsync(client, JobsTestData.StsPairs(30), "evaluation", "stsb-dev.tsv");
        JsonElement created = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            validation_file = validation,
            method = new { type = "unsupervised", hyperparameters = new { batch_size = 8, max_steps = 4, eval_steps = 2, learning_rate = 1e-4 } },
        });
        string jobId = created.GetProperty("id").GetString()!;
        JsonElement job = await JobsApi.WaitForJobAsync(client, jobId, JobsApi.IsFinished, TimeSpan.FromMinutes(5));
        Assert.Equal("succeeded", job.GetProperty("status").GetString());

        JsonElement curves = await JobsApi.GetJsonAsync(client, $"/v1/fine_tuning/jobs/{jobId}/curves");
        JsonElement baseline = await JobsApi.PostJsonAsync(client, "/v1/evaluations", new { model = "all-MiniLM-L6-v2", file = validation });

        Assert.Equal([1, 2, 3, 4], curves.GetProperty("loss").EnumerateArray().Select(p => p.GetProperty("step").GetInt32()));
        JsonElement[] evaluations = [.. curves.GetProperty("evaluations").EnumerateArray()];
        Assert.Equal([0, 2, 4], evaluations.Select(e => e.GetProperty("step").GetInt32()));
        Assert.Equal("base", evaluations[0].GetProperty("label").GetString());
        Assert.Equal("all-MiniLM-L6-v2", evaluations[0].GetProperty("model").GetString());
        Assert.Equal(baseline.GetProperty("spearman").GetDouble(), evaluations[0].GetProperty("spearman").GetDouble(), 6);
        Assert.Equal(baseline.GetProperty("uniformity").GetDouble(), evaluations[0].GetProperty("uniformity").GetDouble(), 6);
        Assert.All(evaluations, e => Assert.True(e.GetProperty("alignment").GetDouble() > 0));

        using HttpResponseMessage report = await client.GetAsync(new Uri($"/v1/fine_tuning/jobs/{jobId}/report", UriKind.Relative));
        XElement svg = XElement.Parse(await report.Content.ReadAsStringAsync());
        int height = (int)svg.Attribute("height")!;
        XElement[] panels = [.. svg.Elements(svg.Name.Namespace + "svg")];
        Assert.Equal(3, panels.Length);
        Assert.All(panels, panel => Assert.Equal(height, (int)panel.Attribute("y")! + (int)panel.Attribute("height")!));
        Assert.Equal((int)svg.Attribute("width")!, panels.Sum(panel => (int)panel.Attribute("width")!));
        Assert.Contains(jobId, svg.Elements(svg.Name.Namespace + "text").Single().Value, StringComparison.Ordinal);
    }
}
