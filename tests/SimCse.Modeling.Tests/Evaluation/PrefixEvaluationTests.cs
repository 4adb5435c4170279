using SimCse.Modeling.Data;
using SimCse.Modeling.Evaluation;

namespace SimCse.Modeling.Tests.Evaluation;

public sealed class PrefixEvaluationTests
{
    [Fact]
    public void APrefixIsScoredOnItsOwnDimensions()
    {
        // The first two dimensions rank the pairs exactly by gold; the last two add noise that scrambles them.
        var random = new Random(7);
        var pairs = Enumerable.Range(0, 40).Select(i => new StsPair($"a{i}", $"b{i}", i / 8.0)).ToList();
        var evaluator = new StsEvaluator(pairs);
        float[] Vector(string sentence)
        {
            StsPair pair = pairs.First(p => p.Sentence1 == sentence || p.Sentence2 == sentence);
            double angle = (5 - pair.Score) * 0.3;
            bool first = pair.Sentence1 == sentence;
            return [first ? 1f : (float)Math.Cos(angle), first ? 0f : (float)Math.Sin(angle), (float)random.NextDouble() * 3, (float)random.NextDouble() * 3];
        }
        float[][] vectors = [.. evaluator.Sentences.Select(Vector)];

        IReadOnlyList<(int Dimensions, double Spearman)> scores = PrefixEvaluation.Spearman(evaluator, vectors, [4, 2, 8]);

        Assert.Equal([4, 2, 8], scores.Select(score => score.Dimensions));
        Assert.Equal(100, scores[1].Spearman, 6);
        Assert.True(scores[0].Spearman < 90, $"full-size Spearman {scores[0].Spearman}");
        Assert.Equal(evaluator.Evaluate(_ => vectors).Spearman, scores[0].Spearman, 9);
        Assert.Equal(scores[0].Spearman, scores[2].Spearman, 9);
    }

    [Fact]
    public void RejectsVectorsOfAnotherSentenceList()
    {
        var evaluator = new StsEvaluator([new StsPair("a", "b", 1), new StsPair("c", "d", 2)]);

        Assert.Throws<ArgumentException>(() => PrefixEvaluation.Spearman(evaluator, [[1f], [2f]], [1]));
    }
}
