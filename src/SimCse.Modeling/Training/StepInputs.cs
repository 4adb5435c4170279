using SimCse.Core.Tokenization;

namespace SimCse.Modeling.Training;

/// <summary>One step's tokenized groups ([sentences, sentences] or [anchors, positives, negatives?]) and each negative's anchor.</summary>
internal sealed record StepInputs(IReadOnlyList<IReadOnlyList<TokenizedInput>> Groups, IReadOnlyList<long>? NegativeOwners);
