namespace SimCse.Modeling.Tests.Reference;

/// <summary>Deterministic sentence sets drawn from the shared evaluation data.</summary>
public static class ReferenceSentences
{
    /// <summary>STS-B dev: gold scores and all sentences, first column then second (3,000 sentences).</summary>
    public static (double[] Gold, string[] Sentences) StsbDev()
    {
        var pairs = SharedData.ReadStsPairs("sts/stsb-dev.tsv");
        return (
            pairs.Select(pair => pair.Score).ToArray(),
            pairs.Select(pair => pair.First).Concat(pairs.Select(pair => pair.Second)).ToArray());
    }

    /// <summary>
    /// 300 sentences: both sides of every 12th STS-B dev pair (news, captions, forums: 5 to 50+ tokens)
    /// and of every 20th SICK-R dev pair (short, simple captions), interleaved so batches mix lengths.
    /// </summary>
    public static string[] ParitySample()
    {
        var stsb = SharedData.ReadStsPairs("sts/stsb-dev.tsv").Where((_, index) => index % 12 == 0);
        var sick = SharedData.ReadStsPairs("sts/sickr-dev.tsv").Where((_, index) => index % 20 == 0);
        return stsb.Concat(sick).SelectMany(pair => new[] { pair.First, pair.Second }).ToArray();
    }
}
