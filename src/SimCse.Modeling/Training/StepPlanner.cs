using SimCse.Modeling.Data;
using SimCse.Modeling.Tokenization;

namespace SimCse.Modeling.Training;

/// <summary>
/// The deterministic sequence of steps: per epoch a fresh duplicate-free shuffle (seeded by seed + epoch),
/// cycling epochs until <c>max_steps</c> when it is set. Scored pairs are only shuffled: CoSENT compares
/// pairs' cosines with each other, so a text repeated across pairs is no false negative.
/// </summary>
internal sealed class StepPlanner
{
    private readonly TrainingJob _job;
    private readonly TrainingHyperparameters _hp;
    private readonly Dictionary<int, IReadOnlyList<int[]>> _plans = [];

    private readonly CancellationToken _cancellationToken;

    public StepPlanner(TrainingJob job, TrainingHyperparameters hp, CancellationToken cancellationToken = default)
    {
        _job = job;
        _hp = hp;
        _cancellationToken = cancellationToken;
        int perEpoch = PlanFor(0).Count;
        if (perEpoch == 0)
        {
            throw new ArgumentException("The training data yields no batch of at least 2 distinct examples.");
        }
        TotalSteps = hp.MaxSteps ?? perEpoch * hp.Epochs;
    }

    public int TotalSteps { get; }

    /// <summary>
    /// Steps from <paramref name="firstStep"/> (0-based) to the end, tokenized lazily. A cancellation while a later
    /// epoch is planned ends the sequence (the trainer then reports Cancelled), it does not throw out of the loop.
    /// </summary>
    public IEnumerable<(int Epoch, StepInputs Inputs)> From(int firstStep, BertWordPieceTokenizer tokenizer)
    {
        int step = 0;
        for (int epoch = 0; step < TotalSteps; epoch++)
        {
            if (_cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            IReadOnlyList<int[]> plan;
            try
            {
                plan = PlanFor(epoch);
            }
            catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            foreach (int[] batch in plan)
            {
                if (step >= TotalSteps)
                {
                    yield break;
                }
                if (step++ >= firstStep)
                {
                    yield return (epoch, Inputs(batch, tokenizer));
                }
            }
        }
    }

    private IReadOnlyList<int[]> PlanFor(int epoch)
    {
        if (!_plans.TryGetValue(epoch, out IReadOnlyList<int[]>? plan))
        {
            int seed = unchecked(_hp.Seed + epoch);
            plan = _job.Method switch
            {
                TrainingMethod.Unsupervised => UniqueTextBatcher.Plan(_job.Sentences!, sentence => [sentence], _hp.BatchSize, seed, _cancellationToken),
                TrainingMethod.ScoredPairs => UniqueTextBatcher.Plan(_job.ScoredPairs!, _ => [], _hp.BatchSize, seed, _cancellationToken),
                _ => UniqueTextBatcher.Plan(_job.Triplets!, TextsOf, _hp.BatchSize, seed, _cancellationToken),
            };
            _plans.Clear();
            _plans[epoch] = plan;
        }
        return plan;
    }

    private static IEnumerable<string> TextsOf(TrainingTriplet triplet) =>
        triplet.Negative is null ? [triplet.Anchor, triplet.Positive] : [triplet.Anchor, triplet.Positive, triplet.Negative];

    private StepInputs Inputs(int[] batch, BertWordPieceTokenizer tokenizer)
    {
        int length = _hp.MaxSeqLength;
        if (_job.Method == TrainingMethod.Unsupervised)
        {
            var sentences = batch.Select(i => tokenizer.Encode(_job.Sentences![i], length)).ToList();
            // The same inputs twice: two forward passes draw two dropout masks, the only augmentation.
            return new StepInputs([sentences, sentences], null);
        }
        if (_job.Method == TrainingMethod.ScoredPairs)
        {
            var pairs = batch.Select(i => _job.ScoredPairs![i]).ToList();
            return new StepInputs(
                [pairs.Select(p => tokenizer.Encode(p.Sentence1, length)).ToList(), pairs.Select(p => tokenizer.Encode(p.Sentence2, length)).ToList()],
                null,
                pairs.Select(p => (float)p.Score).ToArray());
        }
        var triplets = batch.Select(i => _job.Triplets![i]).ToList();
        var anchors = triplets.Select(t => tokenizer.Encode(t.Anchor, length)).ToList();
        var positives = triplets.Select(t => tokenizer.Encode(t.Positive, length)).ToList();
        var owners = new List<long>();
        var negatives = new List<Core.Tokenization.TokenizedInput>();
        for (int i = 0; i < triplets.Count; i++)
        {
            if (triplets[i].Negative is { } negative)
            {
                owners.Add(i);
                negatives.Add(tokenizer.Encode(negative, length));
            }
        }
        return negatives.Count == 0
            ? new StepInputs([anchors, positives], null)
            : new StepInputs([anchors, positives, negatives], owners);
    }
}
