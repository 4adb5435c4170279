using System.Collections.Concurrent;
using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ScottPlot;
using SimCse.Api.Contracts;
using SimCse.Api.Evaluations;
using SimCse.Api.Persistence;
using SimCse.Core.Errors;

namespace SimCse.Api.Jobs;

/// <summary>
/// A job's curves (<see cref="JobCurves"/>) and its report: one SVG with a header line and three panels
/// (ScottPlot over SkiaSharp; the native Skia and HarfBuzz libraries come self-contained in NuGet's
/// NoDependencies packages): the logged training loss per step, validation Spearman per evaluation, and the
/// alignment–uniformity path of the evaluated checkpoints starting at the base model (SimCSE paper,
/// figure 2: lower is better on both axes). Built from the job's events, so pruned checkpoints still appear.
/// The base model's point is the service's own evaluation of the job's base model on its validation file,
/// computed once per job and process (the trainer evaluates checkpoints only).
/// </summary>
public sealed class JobReport(IDbContextFactory<SimCseDbContext> databases, EvaluationService evaluations)
{
    private const int PanelWidth = 440;
    private const int PanelHeight = 360;
    private const int HeaderHeight = 34;
    private const float LabelFontSize = 12;

    private readonly ConcurrentDictionary<string, Lazy<Task<EvaluationPoint?>>> _baseEvaluations = new();

    public async Task<JobCurves> CurvesAsync(string jobId, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        FineTuningJobRecord job = await database.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken)
            ?? throw new SimCseException(ErrorKind.NotFound, $"No fine-tuning job '{jobId}'.");
        List<JsonObject> metrics = (await database.JobEvents.AsNoTracking()
                .Where(e => e.JobId == jobId && e.Type == "metrics" && e.DataJson != null)
                .OrderBy(e => e.Sequence).Select(e => e.DataJson!).ToListAsync(cancellationToken))
            .Select(json => JsonNode.Parse(json)!.AsObject()).ToList();

        List<LossPoint> losses = [.. metrics.Where(m => m["train_loss"] is not null && m["step"] is not null)
            .GroupBy(m => (int)m["step"]!).Select(g => new LossPoint(g.Key, (double)g.First()["train_loss"]!))];
        var points = new List<EvaluationPoint>();
        if (await BaseEvaluationAsync(job) is { } baseline)
        {
            points.Add(baseline);
        }
        points.AddRange(metrics.Where(m => m["valid_spearman"] is not null && m["step"] is not null)
            .GroupBy(m => (int)m["step"]!)
            .Select(g => g.Last())
            .Select(m => new EvaluationPoint((int)m["step"]!, $"step {(int)m["step"]!}", (double)m["valid_spearman"]!, (double?)m["alignment"], (double?)m["uniformity"])));
        return new JobCurves(job.Id, job.Model, job.Status, losses, points);
    }

    public async Task<string> RenderAsync(string jobId, CancellationToken cancellationToken)
    {
        JobCurves curves = await CurvesAsync(jobId, cancellationToken);
        string[] panels =
        [
            Line("Training loss", "step", "loss", curves.Loss.Select(p => (double)p.Step), curves.Loss.Select(p => p.Loss), markers: false),
            Line("Validation Spearman ×100", "step", "Spearman", curves.Evaluations.Select(e => (double)e.Step), curves.Evaluations.Select(e => e.Spearman), markers: true),
            Trajectory([.. curves.Evaluations.Where(e => e.Alignment is not null && e.Uniformity is not null)]),
        ];
        string header = $"Fine-tuning job {curves.JobId} · base {curves.Model} · {curves.Status}";
        return Compose(header, panels);
    }

    /// <summary>
    /// The base model on the job's validation file, evaluated once (through the serving queue when it is
    /// loaded). Null when the job has no validation file or the base model or file is gone; a failed
    /// attempt is not cached, so a later request tries again.
    /// </summary>
    private async Task<EvaluationPoint?> BaseEvaluationAsync(FineTuningJobRecord job)
    {
        if (job.ValidationFile is null)
        {
            return null;
        }
        Lazy<Task<EvaluationPoint?>> entry = _baseEvaluations.GetOrAdd(job.Id, _ => new Lazy<Task<EvaluationPoint?>>(() => EvaluateBaseAsync(job.Model, job.ValidationFile)));
        EvaluationPoint? point = await entry.Value;
        if (point is null)
        {
            _baseEvaluations.TryRemove(new KeyValuePair<string, Lazy<Task<EvaluationPoint?>>>(job.Id, entry));
        }
        return point;
    }

    private async Task<EvaluationPoint?> EvaluateBaseAsync(string model, string validationFile)
    {
        try
        {
            // Not the request's token: the result is shared by every later request for this job.
            EvaluationResponse result = await evaluations.EvaluateFileAsync(model, validationFile, CancellationToken.None);
            // A validation file whose gold scores are all equal has no Spearman: then there is no base point to draw.
            return result.Spearman is { } spearman ? new EvaluationPoint(0, "base", spearman, result.Alignment, result.Uniformity, model) : null;
        }
        catch (SimCseException)
        {
            return null;
        }
    }

    private static string Line(string title, string x, string y, IEnumerable<double> xs, IEnumerable<double> ys, bool markers)
    {
        var plot = NewPlot(title, x, y);
        double[] xValues = xs.ToArray();
        double[] yValues = ys.ToArray();
        if (xValues.Length > 0)
        {
            var line = plot.Add.Scatter(xValues, yValues);
            line.LineWidth = 2;
            line.MarkerSize = markers || xValues.Length == 1 ? 7 : 0;
        }
        else
        {
            plot.Add.Annotation("no data yet");
        }
        return plot.GetSvgXml(PanelWidth, PanelHeight);
    }

    /// <summary>
    /// The path from the base model through the evaluated checkpoints. Labels sit beside their point, on
    /// the side away from the nearer vertical edge (so none runs off the panel), and a label that would
    /// overlap one already placed is left out; the first, the last and the best-Spearman point are placed first.
    /// </summary>
    private static string Trajectory(List<EvaluationPoint> points)
    {
        var plot = NewPlot("Alignment vs uniformity (lower is better)", "uniformity", "alignment");
        if (points.Count == 0)
        {
            plot.Add.Annotation("no evaluations yet");
            return plot.GetSvgXml(PanelWidth, PanelHeight);
        }
        double[] uniformity = [.. points.Select(p => p.Uniformity!.Value)];
        double[] alignment = [.. points.Select(p => p.Alignment!.Value)];
        var path = plot.Add.Scatter(uniformity, alignment);
        path.LineWidth = 2;
        path.MarkerSize = 7;
        if (points[0].Step == 0)
        {
            var start = plot.Add.Marker(uniformity[0], alignment[0]);
            start.MarkerSize = 12;
            start.Color = Colors.Black;
        }
        plot.Axes.Margins(0.25, 0.2);
        plot.Axes.AutoScale();
        AxisLimits limits = plot.Axes.GetLimits();
        double xMid = (limits.Left + limits.Right) / 2;
        // Overlap test in panel pixels (the data area is roughly the panel less its axes).
        double xPerPixel = (limits.Right - limits.Left) / (PanelWidth - 90);
        double yPerPixel = (limits.Top - limits.Bottom) / (PanelHeight - 90);

        int best = 0;
        for (int i = 1; i < points.Count; i++)
        {
            if (points[best].Step == 0 || points[i].Spearman > points[best].Spearman)
            {
                best = i;
            }
        }
        IEnumerable<int> order = new[] { 0, points.Count - 1, best }.Concat(Enumerable.Range(0, points.Count)).Distinct();
        var placed = new List<(double X, double Y)>();
        foreach (int i in order)
        {
            double width = (points[i].Label.Length * LabelFontSize * 0.6 + 12) * xPerPixel;
            double height = (LabelFontSize + 6) * yPerPixel;
            if (placed.Any(other => Math.Abs(other.X - uniformity[i]) < width && Math.Abs(other.Y - alignment[i]) < height))
            {
                continue;
            }
            placed.Add((uniformity[i], alignment[i]));
            var label = plot.Add.Text(points[i].Label, uniformity[i], alignment[i]);
            label.LabelFontSize = LabelFontSize;
            bool leftOfCentre = uniformity[i] <= xMid;
            label.LabelAlignment = leftOfCentre ? Alignment.MiddleLeft : Alignment.MiddleRight;
            label.OffsetX = leftOfCentre ? 8 : -8;
        }
        return plot.GetSvgXml(PanelWidth, PanelHeight);
    }

    private static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title(title, size: 15);
        plot.XLabel(x, size: 13);
        plot.YLabel(y, size: 13);
        return plot;
    }

    /// <summary>A header line above the panels, side by side as nested &lt;svg&gt; elements of one document.</summary>
    private static string Compose(string header, string[] panels)
    {
        var svg = new StringBuilder();
        int width = PanelWidth * panels.Length;
        int height = HeaderHeight + PanelHeight;
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"12\" y=\"23\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"16\" font-weight=\"bold\" fill=\"#222\">{SecurityElement.Escape(header)}</text>\n");
        for (int i = 0; i < panels.Length; i++)
        {
            string panel = panels[i];
            int start = panel.IndexOf("<svg", StringComparison.Ordinal);
            panel = panel[start..];
            svg.Append(CultureInfo.InvariantCulture, $"<svg x=\"{i * PanelWidth}\" y=\"{HeaderHeight}\"").Append(panel.AsSpan(4)).Append('\n');
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
