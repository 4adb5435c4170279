using SimCse.Core.Tokenization;
using SimCse.Modeling.Bert;
using SimCse.Modeling.Data;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Tokenization;

namespace SimCse.Modeling.Tests.Training;

/// <summary>Sentences in TinyBert's vocabulary, and helpers to build a trainable TinyBert.</summary>
internal static class TinyTrainingData
{
    public static readonly string[] Sentences =
    [
        "the cat sat on the mat.", "a dog is playing guitar.", "the man is slicing an onion.", "a woman is playing.",
        "the dog sat on a mat!", "a cat is slicing onions.", "the woman sat.", "a man is playing guitar?",
        "the cats sat on mats.", "x is y.", "$ 5 for the guitar.", "an onion, a cat, a dog.",
    ];

    public static IReadOnlyList<TrainingTriplet> Triplets { get; } =
    [
        new("the cat sat on the mat.", "a cat sat.", "a dog is playing guitar."),
        new("the man is slicing an onion.", "a man is slicing onions.", "the woman sat."),
        new("a woman is playing guitar.", "the woman is playing.", "x is y."),
        new("the dog sat on a mat!", "a dog sat.", null),
        new("$ 5 for the guitar.", "the guitar is $ 5.", "a cat is slicing onions."),
        new("the cats sat on mats.", "cats sat.", "a man is playing guitar?"),
    ];

    public static IReadOnlyList<StsPair> Validation { get; } =
    [
        new("the cat sat on the mat.", "a cat sat on a mat.", 4.8),
        new("a man is playing guitar.", "the man is playing.", 3.5),
        new("a woman is slicing an onion.", "the dog sat.", 0.5),
        new("x is y.", "y is x.", 4.0),
        new("the dog is playing.", "a cat sat on the mat.", 1.0),
    ];

    public static BertWordPieceTokenizer Tokenizer() => BertWordPieceTokenizer.FromVocabulary(TinyBert.Vocabulary, doLowerCase: true, maxLength: 32);

    public static List<TokenizedInput> Tokens(IEnumerable<string> texts) => texts.Select(text => Tokenizer().Encode(text, 32)).ToList();

    /// <summary>A TinyBert in train mode (dropout 0.1 on) with the weights of <see cref="TinyBert.Create"/>.</summary>
    public static BertModel TrainableModel(long seed = 7)
    {
        ModelArtifacts artifacts = TinyBert.Create(seed: seed);
        var model = new BertModel(artifacts.Config, withPooler: true);
        BertWeights.Load(model, artifacts.Weights);
        model.train();
        return model;
    }
}
