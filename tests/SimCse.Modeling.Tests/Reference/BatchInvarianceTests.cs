using SimCse.Core.Tokenization;

namespace SimCse.Modeling.Tests.Reference;

/// <summary>A sentence's vector must not depend on what it is batched with or how much padding that brings.</summary>
[Collection(ReferenceModelsGroup.Name)]
public sealed class BatchInvarianceTests(ReferenceModelsFixture fixture)
{
    [Theory]
    [InlineData("all-MiniLM-L6-v2")]
    [InlineData("arctic-embed-xs")]
    public void SentenceAloneEqualsSentenceInPaddedBatchOf64(string id)
    {
        var encoder = fixture.Get(id).Torch;
        // 64 sentences from short captions to long news sentences; the probe is among the shortest.
        string[] batch = ReferenceSentences.ParitySample().Where((_, index) => index % 4 == 1).Take(64).ToArray();
        TokenizedInput[] inputs = batch.Select(text => encoder.Tokenizer.Encode(text, encoder.MaxLength)).ToArray();
        int probe = Array.IndexOf(inputs, inputs.MinBy(input => input.Length));
        Assert.Equal(64, inputs.Length);
        Assert.True(inputs.Max(input => input.Length) >= 3 * inputs[probe].Length, "the batch should pad the probe heavily");

        float[] alone = encoder.Embed([inputs[probe]])[0];
        float[] batched = encoder.Embed(inputs)[probe];

        double cosine = Cosine.Of(alone, batched);
        Assert.True(cosine >= 0.99999, $"{id}: alone vs batched cosine {cosine:F7} for \"{batch[probe]}\".");
    }
}
