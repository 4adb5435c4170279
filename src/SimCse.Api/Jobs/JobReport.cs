using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ScottPlot;
using SimCse.Api.Persistence;
using SimCse.Core.Errors;

namespace SimCse.Api.Jobs;

/// <summary>
/// Renders a job's report as one SVG with three panels (ScottPlot over SkiaSharp; the native Skia and
/// HarfBuzz libraries come self-contained in NuGet's NoDependencies packages): the logged training loss per step, validation Spearman per evaluation, and the
/// alignment–uniformity trajectory of the evaluated checkpoints (SimCSE paper, figure 2: lower is better on
/// both axes). Built from the job's events, so pruned checkpoints still appear in the trajectory.
/// </summary>
public sealed class JobReport(IDbContextFactory<SimCseDbContext> databases)
{
    private const int PanelWidth = 420;
    private const int PanelHeight = 320;

    public async Task<string> RenderAsync(string jobId, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        if (!await database.Jobs.AnyAsync(job => job.Id == jobId, cancellationToken))
        {
            throw new SimCseException(ErrorKind.NotFound, $"No fine-tuning job '{jobId}'.");
        }
        List<JsonObject> metrics = (await database.JobEvents.AsNoTracking()
                .Where(e => e.JobId == jobId && e.Type == "metrics" && e.DataJson != null)
                .OrderBy(e => e.Sequence).Select(e => e.DataJson!).ToListAsync(cancellationToken))
            .Select(json => JsonNode.Parse(json)!.AsObject()).ToList();

        var losses = metrics.Where(m => m["train_loss"] is not null && m["step"] is not null)
            .GroupBy(m => (int)m["step"]!).Select(g => (Step: (double)g.Key, Loss: (double)g.First()["train_loss"]!)).ToList();
        var evaluations = metrics.Where(m => m["valid_spearman"] is not null && m["step"] is not null).ToList();

        string[] panels =
        [
            Line($"{jobId}: training loss", "step", "loss", losses.Select(p => p.Step), losses.Select(p => p.Loss)),
            Line("Validation Spearman ×100", "step", "Spearman", evaluations.Select(e => (double)e["step"]!), evaluations.Select(e => (double)e["valid_spearman"]!)),
            Trajectory(evaluations.Where(e => e["alignment"] is not null && e["uniformity"] is not null).ToList()),
        ];
        return Compose(panels);
    }

    private static string Line(string title, string x, string y, IEnumerable<double> xs, IEnumerable<double> ys)
    {
        var plot = new Plot();
        double[] xValues = xs.ToArray();
        double[] yValues = ys.ToArray();
        if (xValues.Length > 0)
        {
            plot.Add.Scatter(xValues, yValues);
        }
        else
        {
            plot.Add.Annotation("no data yet");
        }
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        return plot.GetSvgXml(PanelWidth, PanelHeight);
    }

    private static string Trajectory(List<JsonObject> evaluations)
    {
        var plot = new Plot();
        double[] alignment = evaluations.Select(e => (double)e["alignment"]!).ToArray();
        double[] uniformity = evaluations.Select(e => (double)e["uniformity"]!).ToArray();
        if (alignment.Length > 0)
        {
            plot.Add.Scatter(uniformity, alignment);
            for (int i = 0; i < alignment.Length; i++)
            {
                plot.Add.Text($"step {(int)evaluations[i]["step"]!}", uniformity[i], alignment[i]);
            }
        }
        else
        {
            plot.Add.Annotation("no evaluations yet");
        }
        plot.Title("Alignment vs uniformity (lower is better)");
        plot.XLabel("uniformity");
        plot.YLabel("alignment");
        return plot.GetSvgXml(PanelWidth, PanelHeight);
    }

    /// <summary>Places the panels side by side as nested &lt;svg&gt; elements of one document.</summary>
    private static string Compose(string[] panels)
    {
        var svg = new StringBuilder();
        svg.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{PanelWidth * panels.Length}\" height=\"{PanelHeight}\">\n");
        for (int i = 0; i < panels.Length; i++)
        {
            string panel = panels[i];
            int start = panel.IndexOf("<svg", StringComparison.Ordinal);
            panel = panel[start..];
            svg.Append(System.Globalization.CultureInfo.InvariantCulture, $"<svg x=\"{i * PanelWidth}\" y=\"0\"").Append(panel.AsSpan(4)).Append('\n');
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
