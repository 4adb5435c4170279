using SimCse.Modeling.Packaging;
using SimCse.Modeling.Tokenization;

namespace SimCse.Modeling.Tests.Tokenization;

/// <summary>The MiniLM vocab.txt (uncased BERT) and our tokenizer over it, read once per test run.</summary>
internal static class PackagedVocabulary
{
    private static readonly Lazy<byte[]> LazyBytes = new(() => PackagedModels.ReadResource(PackagedModels.MiniLm, "vocab.txt"));
    private static readonly Lazy<BertWordPieceTokenizer> LazyTokenizer = new(() => BertWordPieceTokenizer.FromVocabulary(Bytes, doLowerCase: true, maxLength: 256));

    public static byte[] Bytes => LazyBytes.Value;

    public static BertWordPieceTokenizer Tokenizer => LazyTokenizer.Value;
}
