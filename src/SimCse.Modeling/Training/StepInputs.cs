using SimCse.Core.Tokenization;

namespace SimCse.Modeling.Training;

/// <summary>
/// One step's tokenized groups ([sentences, sentences], [anchors, positives, negatives?] or [first, second]),
/// each negative's anchor, and the gold scores of scored pairs.
/// </summary>
internal sealed record StepInputs(IReadOnlyList<IReadOnlyList<TokenizedInput>> Groups, IReadOnlyList<long>? NegativeOwners, float[]? Scores = null);
