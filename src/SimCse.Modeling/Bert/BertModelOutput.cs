using static TorchSharp.torch;

namespace SimCse.Modeling.Bert;

/// <summary>What a BERT forward pass yields for pooling: token states of the first and last layers and, if the model has one, the pooler output.</summary>
public sealed record BertModelOutput(Tensor FirstLayerHiddenState, Tensor LastHiddenState, Tensor? PoolerOutput);
