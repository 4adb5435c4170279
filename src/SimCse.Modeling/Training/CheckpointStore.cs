using System.Text.Json.Nodes;
using SimCse.Core.IO;
using SimCse.Modeling.Loading;

namespace SimCse.Modeling.Training;

/// <summary>
/// Writes checkpoints as HF folders (atomically, through <see cref="ModelFolderWriter"/>) with the
/// optimizer state beside them (<c>step-n.optimizer</c>, written before the folder so a published folder
/// always has its state), and keeps only the best, the last and any step the caller protects. After
/// the renames the output directory is fsynced, so a checkpoint reported as saved survives a power loss.
/// </summary>
internal sealed class CheckpointStore(string outputDirectory, string baseModelId, string jobId, Func<int, bool>? isProtected = null)
{
    public const string OptimizerSuffix = ".optimizer";

    private readonly List<TrainingCheckpoint> _saved = [];

    public string FolderFor(int step) => Path.Combine(Path.GetFullPath(outputDirectory), $"step-{step}");

    public string ModelIdFor(int step) => TrainingCheckpoint.ModelIdFor(baseModelId, jobId, step);

    public TrainingCheckpoint Save(ModelArtifacts artifacts, FusedAdamW optimizer, int step, double trainLoss, Evaluation.StsEvaluation? evaluation, JsonObject training)
    {
        string folder = FolderFor(step);
        string optimizerPath = folder + OptimizerSuffix;
        string temporary = optimizerPath + ".tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        optimizer.Save(temporary);
        File.Move(temporary, optimizerPath, overwrite: true);
        if (Directory.Exists(folder))
        {
            // A resumed run that reaches a step saved before replaces it.
            Directory.Delete(folder, recursive: true);
        }
        ModelFolderWriter.Write(artifacts, folder, ModelIdFor(step), baseModelId, training);
        DirectorySync.Flush(Path.GetDirectoryName(folder)!);
        var checkpoint = new TrainingCheckpoint(ModelIdFor(step), folder, step, trainLoss, evaluation);
        _saved.RemoveAll(saved => saved.Step == step);
        _saved.Add(checkpoint);
        return checkpoint;
    }

    /// <summary>Deletes every checkpoint this run saved except <paramref name="keep"/> and the protected steps.</summary>
    public void Prune(params TrainingCheckpoint?[] keep)
    {
        foreach (TrainingCheckpoint old in _saved.Where(saved => !keep.Any(kept => kept?.Step == saved.Step) && isProtected?.Invoke(saved.Step) != true).ToList())
        {
            Directory.Delete(old.Folder, recursive: true);
            File.Delete(old.Folder + OptimizerSuffix);
            _saved.Remove(old);
        }
    }
}
