using SimCse.Modeling.Training;

namespace SimCse.TrainingBench;

/// <summary>Prints every step to the console and evaluation steps (and every <c>lossEvery</c>-th loss) to the report.</summary>
internal sealed class ProgressPrinter(Report report, int lossEvery) : IProgress<TrainingProgress>
{
    private readonly List<double> _window = [];

    public void Report(TrainingProgress value)
    {
        _window.Add(value.Loss);
        Console.WriteLine($"step {value.Step}/{value.TotalSteps} loss {SimCse.TrainingBench.Report.F(value.Loss, "F4")} lr {value.LearningRate:E2} {SimCse.TrainingBench.Report.F(value.SentencesPerSecond, "F1")} sent/s eta {value.Eta:hh\\:mm\\:ss}");
        if (value.Evaluation is { } evaluation)
        {
            report.Line($"| {value.Step} | {SimCse.TrainingBench.Report.F(_window.Average(), "F4")} | {SimCse.TrainingBench.Report.F(evaluation.Spearman)} | {SimCse.TrainingBench.Report.F(evaluation.Alignment, "F3")} | {SimCse.TrainingBench.Report.F(evaluation.Uniformity, "F3")} | {SimCse.TrainingBench.Report.F(value.SentencesPerSecond, "F1")} |");
            _window.Clear();
        }
        else if (lossEvery > 0 && value.Step % lossEvery == 0)
        {
            Console.WriteLine($"  mean loss of last {_window.Count}: {SimCse.TrainingBench.Report.F(_window.Average(), "F4")}");
        }
    }

    public static string Header =>
        "| step | mean train loss since last eval | STS-B dev Spearman | alignment | uniformity | sent/s |\n|---:|---:|---:|---:|---:|---:|";
}
