using System.Diagnostics;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;

namespace SimCse.LoadBench;

/// <summary>The encoder's best case in-process: length-sorted batches of 64, float32, no HTTP or queue.</summary>
public static class EncoderBaseline
{
    public static double SentencesPerSecond(IReadOnlyList<string> sentences, string dataDirectory, TimeSpan budget)
    {
        using SentenceEncoder encoder = ModelLoader.LoadPackaged(PackagedModels.DefaultId, dataDirectory, new EncoderOptions { Device = "cpu", DType = "float32" });
        var tokenized = sentences.Select(text => encoder.Tokenizer.Encode(text, encoder.MaxLength)).OrderBy(input => input.Length).ToArray();
        var batches = tokenized.Chunk(64).ToArray();
        encoder.Embed(batches[^1]); // warm-up on the longest batch
        long done = 0;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < budget)
        {
            foreach (var batch in batches)
            {
                encoder.Embed(batch);
                done += batch.Length;
            }
        }
        return done / stopwatch.Elapsed.TotalSeconds;
    }
}
