using SimCse.Modeling.Data;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Evaluation;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;

namespace SimCse.TrainingBench;

/// <summary>Packaged base models and STS evaluation of any encoder.</summary>
internal static class Models
{
    public static readonly EncoderOptions Cpu = new() { Device = "cpu" };

    public static ModelArtifacts Artifacts(string id)
    {
        PackagedModel model = PackagedModels.Find(id) ?? throw new ArgumentException($"Unknown packaged model {id}.");
        return ModelFolderReader.Read(PackagedModelImporter.EnsureCached(model, BenchPaths.Work)).Artifacts;
    }

    public static StsEvaluation Evaluate(SentenceEncoder encoder, string stsFile) =>
        new StsEvaluator(StsPairReader.ReadFile(BenchPaths.SharedData(stsFile)))
            .Evaluate(texts => texts.Chunk(64).SelectMany(chunk => encoder.EmbedTexts(chunk)).ToArray());
}
