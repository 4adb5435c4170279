using SimCse.Core.Tokenization;

namespace SimCse.Modeling.Tests.Reference;

/// <summary>Our TorchSharp BERT against ONNX Runtime on the packaged graphs, same token ids, float32.</summary>
[Collection(ReferenceModelsGroup.Name)]
public sealed class OnnxParityTests(ReferenceModelsFixture fixture)
{
    private const double MinimumCosine = 0.99999;

    [Theory]
    [InlineData("all-MiniLM-L6-v2")]
    [InlineData("arctic-embed-xs")]
    public void EverySampleSentenceMatchesOnnxRuntime(string id)
    {
        ReferenceModels models = fixture.Get(id);
        string[] sentences = ReferenceSentences.ParitySample();
        TokenizedInput[] inputs = sentences.Select(text => models.Torch.Tokenizer.Encode(text, models.Torch.MaxLength)).ToArray();

        // Original order, not length-sorted: batches mix lengths, so padding is exercised too.
        float[][] torch = BatchRunner.EmbedAll(models.Torch.Embed, inputs, batchSize: 32, sortByLength: false);
        float[][] onnx = BatchRunner.EmbedAll(models.Onnx.Embed, inputs, batchSize: 32, sortByLength: false);

        double[] cosines = torch.Zip(onnx, Cosine.Of).ToArray();
        int worst = Array.IndexOf(cosines, cosines.Min());
        Assert.Equal(300, sentences.Length);
        Assert.True(
            cosines[worst] >= MinimumCosine,
            $"{id}: min cosine {cosines[worst]:F7} (mean {cosines.Average():F7}) at \"{sentences[worst]}\"; {cosines.Count(c => c < MinimumCosine)} of {cosines.Length} below {MinimumCosine}.");
    }
}
