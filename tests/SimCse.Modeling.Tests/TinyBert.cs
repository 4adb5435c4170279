using System.Text;
using SimCse.Modeling.Bert;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Pooling;

namespace SimCse.Modeling.Tests;

/// <summary>A small randomly initialised BERT (2 layers, 32 wide) with a real WordPiece vocabulary, for fast loader and encoder tests.</summary>
internal static class TinyBert
{
    private static readonly string[] Words =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "a", "cat", "dog", "sat", "on", "mat", "man", "is", "playing",
        "guitar", "woman", "slicing", "an", "onion", "##s", "##ing", ".", ",", "!", "?", "$", "5", "x", "y",
    ];

    public static BertConfig Config { get; } = new()
    {
        VocabSize = Words.Length,
        HiddenSize = 32,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        IntermediateSize = 64,
        MaxPositionEmbeddings = 64,
    };

    public static byte[] Vocabulary { get; } = Encoding.UTF8.GetBytes(string.Join('\n', Words) + "\n");

    public static ModelArtifacts Create(PoolingMode pooling = PoolingMode.Mean, long seed = 7, bool withPooler = true)
    {
        TorchSharp.torch.manual_seed(seed);
        using var model = new BertModel(Config, withPooler);
        return new ModelArtifacts(Config, Vocabulary, DoLowerCase: true, pooling, MaxLength: 32, BertWeights.Export(model));
    }

    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "simcse-tests", Guid.NewGuid().ToString("N"));
}
