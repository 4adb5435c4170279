using System.Diagnostics;
using SimCse.Core.Tokenization;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Runtime;
using SimCse.Modeling.Tests.Reference;
using static TorchSharp.torch;

namespace SimCse.Bench;

/// <summary>
/// The <c>lanes</c> command: the same forward passes (STS-B dev sentences, length-sorted and cut into passes of
/// N rows, run in shuffled order like a serving queue's) run one after another on every intra-op thread, one
/// after another on one thread, and on two lanes at once with each pass on its share of the threads
/// (<see cref="SentenceEncoder.Embed(IReadOnlyList{TokenizedInput}, int)"/> with 2 concurrent passes), which is
/// what the serving runtime's forward lanes do. Ratios are against the first column, measured in the same round.
/// </summary>
internal static class LanesBenchmark
{
    public static void Run(bool quick)
    {
        var report = new MarkdownReport();
        report.Line($"## Forward lanes benchmark, {DateTime.Now:yyyy-MM-dd HH:mm}{(quick ? " (--quick)" : "")}");
        report.Line();
        HostInfo.Describe(report);
        report.Line();

        DTypeDecision? dtype = null;
        using SentenceEncoder encoder = ModelLoader.LoadPackaged(PackagedModels.DefaultId, BenchModels.DataDirectory, new EncoderOptions { Device = "cpu", DType = ModelLoader.AutoDType }, chosen => dtype = chosen);
        TokenizedInput[] sorted = ReferenceSentences.StsbDev().Sentences.Take(quick ? 512 : 2016)
            .Select(text => encoder.Tokenizer.Encode(text, encoder.MaxLength)).OrderBy(input => input.Length).ToArray();
        int threads = get_num_threads();
        report.Line($"{PackagedModels.DefaultId}, default dtype ({dtype!.DType}), {sorted.Length} sentences, {threads} intra-op threads; sentences/s, best of {(quick ? 2 : 3)} rounds taken in turns.");
        report.Line();
        report.Row("rows per pass", $"one pass at a time, {threads} threads", "one pass at a time, 1 thread", $"2 lanes, {Math.Max(1, threads / 2)} thread(s) each", "2 lanes / one at a time");
        report.Row("---:", "---:", "---:", "---:", "---:");
        foreach (int rows in new[] { 1, 4, 8, 16, 32 })
        {
            var random = new Random(rows);
            TokenizedInput[][] passes = sorted.Chunk(rows).OrderBy(_ => random.Next()).ToArray();
            Serial(encoder, passes);
            double all = 0, one = 0, lanes = 0;
            for (int round = 0; round < (quick ? 2 : 3); round++)
            {
                all = Math.Max(all, Serial(encoder, passes));
                using (new ThreadCountScope(1))
                {
                    one = Math.Max(one, Serial(encoder, passes));
                }
                lanes = Math.Max(lanes, OnTwoLanes(encoder, passes));
            }
            report.Row(rows, $"{all:F0}", $"{one:F0}", $"{lanes:F0}", $"**{lanes / all:F2}**");
        }
        report.Line();
        report.Line($"Load average at end: {HostInfo.LoadAverage()}.");
        report.Save("lanes", quick);
    }

    private static double Serial(SentenceEncoder encoder, TokenizedInput[][] passes)
    {
        long started = Stopwatch.GetTimestamp();
        foreach (TokenizedInput[] pass in passes)
        {
            encoder.Embed(pass);
        }
        return passes.Sum(pass => pass.Length) / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static double OnTwoLanes(SentenceEncoder encoder, TokenizedInput[][] passes)
    {
        int next = -1;
        void Lane()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < passes.Length)
            {
                encoder.Embed(passes[index], concurrentPasses: 2);
            }
        }
        long started = Stopwatch.GetTimestamp();
        var helper = new Thread(Lane);
        helper.Start();
        Lane();
        helper.Join();
        return passes.Sum(pass => pass.Length) / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
