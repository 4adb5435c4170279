using System.Diagnostics;
using System.Text.Json.Nodes;
using SimCse.Modeling.Bert;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Evaluation;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Pooling;
using SimCse.Modeling.Tokenization;
using SimCse.Modeling.Training.Losses;
using SimCse.Modeling.Weights;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimCse.Modeling.Training;

/// <summary>
/// Fine-tunes a BERT with SimCSE (unsupervised or supervised) or CoSENT (scored pairs), optionally with
/// Matryoshka prefixes and mined hard negatives, using AdamW, a linear warm-up/decay schedule,
/// gradient clipping and optional GradCache; evaluates on the validation set every <c>eval_steps</c>, keeps
/// the best (by validation Spearman; for a Matryoshka job, by its mean over the listed sizes) and the last checkpoint.
/// <para>
/// Threading: <see cref="Train"/> runs entirely on the calling thread (TorchSharp dispose scopes and grad
/// modes are thread-local); every step's tensors live in a dispose scope, so only weights and optimizer
/// state outlive a step. Cancellation is checked between steps.
/// </para>
/// <para>
/// Resume: <see cref="TrainingJob.ResumeFrom"/> loads the checkpoint's weights and AdamW state, restarts the
/// schedule at its step and skips the batches already seen (the order is a function of the seed); dropout
/// masks after resuming differ from an uninterrupted run (the random state is not saved).
/// </para>
/// <para>Precision: TorchSharp 0.107 has no CPU autocast; <see cref="TrainerOptions.ComputeDType"/> = bfloat16
/// instead runs the passes on a bf16 copy with float32 master weights (<see cref="MasterWeights"/>).</para>
/// </summary>
public sealed class SimCseTrainer(TrainerOptions? options = null)
{
    private readonly TrainerOptions _options = options ?? new TrainerOptions();

    public TrainingResult Train(TrainingJob job, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Validate();
        int previousThreads = get_num_threads();
        if (_options.ThreadCount is { } threads)
        {
            set_num_threads(threads);
        }
        try
        {
            return Run(job, progress, cancellationToken);
        }
        finally
        {
            if (_options.ThreadCount is not null)
            {
                set_num_threads(previousThreads);
            }
        }
    }

    private TrainingResult Run(TrainingJob job, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        TrainingHyperparameters hp = job.Hyperparameters.WithDefaultsFor(job.Method);
        var wall = Stopwatch.StartNew();
        Device device = TorchPlacement.Resolve(new EncoderOptions { Device = _options.Device }).Device;
        bool dropoutOn = (hp.Dropout ?? job.BaseModel.Config.HiddenDropoutProb) > 0 || (hp.Dropout ?? job.BaseModel.Config.AttentionProbsDropoutProb) > 0;
        if (hp.MiniBatchSize is not null && device.type != DeviceType.CPU && dropoutOn)
        {
            throw new NotSupportedException("GradCache (mini_batch_size) with dropout needs the CPU random state; TorchSharp exposes no CUDA generator state to replay.");
        }

        (ModelArtifacts start, JsonObject? resumed) = LoadStart(job);
        manual_seed(hp.Seed);
        PoolingMode pooling = hp.Pooling is null ? job.BaseModel.Pooling : PoolingModeNames.Parse(hp.Pooling);
        PoolingMode inferencePooling = job.Method == TrainingMethod.Unsupervised && pooling == PoolingMode.Cls ? PoolingMode.ClsBeforePooler : pooling;
        using BertModel model = BuildModel(start, hp, pooling == PoolingMode.Cls);
        model.to(device);
        model.train();
        var tokenizer = BertWordPieceTokenizer.FromVocabulary(start.Vocabulary, start.DoLowerCase, start.MaxLength);
        // The pooler is trained only when it is the cls head; otherwise it gets no gradient and stays as loaded.
        var trainable = model.named_parameters().Where(p => pooling == PoolingMode.Cls || !p.name.StartsWith("pooler.", StringComparison.Ordinal)).ToList();
        ScalarType computeType = TorchPlacement.Resolve(new EncoderOptions { DType = _options.ComputeDType }).DType;
        using MasterWeights? masters = computeType == ScalarType.Float32 ? null : new MasterWeights(model, trainable, computeType, device);
        var encoder = new TrainingEncoder(model, masters?.Compute ?? model, tokenizer, pooling, inferencePooling, device, start.MaxLength);
        using FusedAdamW optimizer = CreateOptimizer(trainable, hp);
        HardNegativeMining? mining = null;
        if (hp.MineHardNegatives && job.Method == TrainingMethod.Supervised)
        {
            mining = MineHardNegatives(job, hp, cancellationToken);
            job = job with { Triplets = mining.Triplets };
            _options.HardNegativesMined?.Invoke(mining);
        }
        StepPlanner steps;
        try
        {
            steps = new StepPlanner(job, hp, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new TrainingResult(TrainingStatus.Cancelled, 0, null, null, [], wall.Elapsed) { HardNegatives = mining };
        }
        int totalSteps = steps.TotalSteps;
        var schedule = new LinearSchedule(hp.LearningRate, totalSteps, (int)Math.Round(hp.WarmupRatio * totalSteps));
        Func<StepInputs, IReadOnlyList<Tensor>, Tensor> loss = LossFor(job.Method, hp);
        var gradCache = new GradCache(encoder.Embed, hp.MiniBatchSize);
        var evaluator = job.Validation is { Count: >= 2 } validation ? new StsEvaluator(validation) : null;
        var store = new CheckpointStore(job.OutputDirectory, job.BaseModelId, job.JobId, _options.ProtectFromPruning);

        int step = 0;
        TrainingCheckpoint? best = null, last = null;
        double bestSpearman = double.NegativeInfinity;
        double bestScore = double.NegativeInfinity;
        if (resumed is not null)
        {
            step = (int?)resumed["step"] ?? 0;
            bestSpearman = (double?)resumed["best_spearman"] ?? double.NegativeInfinity;
            bestScore = (double?)resumed["best_score"] ?? bestSpearman;
            string optimizerPath = Path.GetFullPath(job.ResumeFrom!).TrimEnd(Path.DirectorySeparatorChar) + CheckpointStore.OptimizerSuffix;
            // An optimizer file of an earlier version (TorchSharp's format) is not loaded: the run resumes with fresh moments.
            if (File.Exists(optimizerPath))
            {
                optimizer.TryLoad(optimizerPath);
            }
        }

        var losses = new List<double>();
        var sinceCheckpoint = new List<double>();
        var training = new Stopwatch();
        long sentences = 0;
        int firstStep = step;
        TrainingStatus status = TrainingStatus.Succeeded;
        foreach ((int epoch, StepInputs inputs) in steps.From(step, tokenizer))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                status = TrainingStatus.Cancelled;
                break;
            }
            training.Start();
            double learningRate = schedule.LearningRateAt(step);
            double value = TrainStep(optimizer, gradCache, loss, inputs, learningRate, hp.MaxGradNorm, masters);
            training.Stop();
            step++;
            sentences += inputs.Groups.Sum(group => group.Count);
            losses.Add(value);
            sinceCheckpoint.Add(value);

            StsEvaluation? evaluation = null;
            IReadOnlyList<(int Dimensions, double Spearman)>? prefixes = null;
            TrainingCheckpoint? saved = null;
            if (step % hp.EvalSteps == 0 || step == totalSteps)
            {
                if (evaluator is not null)
                {
                    float[][] vectors = encoder.EmbedForEvaluation(evaluator.Sentences, _options.EvaluationBatchSize);
                    evaluation = evaluator.Evaluate(_ => vectors);
                    // A Matryoshka job is for serving every listed size, so its best checkpoint is the best on average over them.
                    prefixes = hp.MatryoshkaDims is { } dims ? PrefixEvaluation.Spearman(evaluator, vectors, dims) : null;
                }
                double score = prefixes?.Average(prefix => prefix.Spearman) ?? evaluation?.Spearman ?? double.NaN;
                bool isBest = evaluation is null || score > bestScore;
                if (isBest && evaluation is not null)
                {
                    bestSpearman = evaluation.Spearman;
                    bestScore = score;
                }
                saved = store.Save(Export(model, start, inferencePooling), optimizer, step, sinceCheckpoint.Average(), evaluation,
                    TrainingFacts(job, step, totalSteps, epoch, sinceCheckpoint.Average(), evaluation, prefixes, isBest ? step : best?.Step, bestSpearman, bestScore, mining));
                sinceCheckpoint.Clear();
                _options.CheckpointInspector?.Invoke(saved, texts => encoder.EmbedForEvaluation(texts, _options.EvaluationBatchSize));
                best = isBest ? saved : best;
                last = saved;
                store.Prune(best, last);
            }

            double perStep = training.Elapsed.TotalSeconds / (step - firstStep);
            progress?.Report(new TrainingProgress(step, totalSteps, epoch, value, learningRate, sentences / Math.Max(training.Elapsed.TotalSeconds, 1e-9),
                TimeSpan.FromSeconds(perStep * (totalSteps - step)), evaluation, saved) { PrefixSpearman = prefixes });
        }

        if (step < totalSteps && cancellationToken.IsCancellationRequested)
        {
            // The step sequence also ends early when a cancellation arrives while it plans the next epoch.
            status = TrainingStatus.Cancelled;
        }
        if (last?.Step != step && step > firstStep && sinceCheckpoint.Count > 0)
        {
            // Cancelled (or stopped) between evaluations: keep a last checkpoint to resume from.
            last = store.Save(Export(model, start, inferencePooling), optimizer, step, sinceCheckpoint.Average(), null,
                TrainingFacts(job, step, totalSteps, -1, sinceCheckpoint.Average(), null, null, best?.Step, bestSpearman, bestScore, mining));
            store.Prune(best, last);
        }
        return new TrainingResult(status, step, best ?? last, last, losses, wall.Elapsed) { HardNegatives = mining };
    }

    /// <summary>The step's loss: CoSENT for scored pairs, InfoNCE otherwise, summed over Matryoshka prefixes when asked.</summary>
    private static Func<StepInputs, IReadOnlyList<Tensor>, Tensor> LossFor(TrainingMethod method, TrainingHyperparameters hp)
    {
        Func<StepInputs, IReadOnlyList<Tensor>, Tensor> single;
        if (method == TrainingMethod.ScoredPairs)
        {
            var cosent = new CoSentLoss(hp.Temperature);
            single = (inputs, embeddings) => cosent.Compute(embeddings[0], embeddings[1], tensor(inputs.Scores!));
        }
        else
        {
            var infoNce = new InfoNceLoss(hp.Temperature, hp.HardNegativeWeight, hp.SymmetricLoss);
            single = (inputs, embeddings) => infoNce.Compute(embeddings[0], embeddings[1], embeddings.Count > 2 ? embeddings[2] : null, inputs.NegativeOwners);
        }
        if (hp.MatryoshkaDims is not { Count: > 0 } dimensions)
        {
            return single;
        }
        var distillation = new PrefixDistillationLoss(hp.Temperature);
        return (inputs, embeddings) => new MatryoshkaLoss(prefixes => single(inputs, prefixes), dimensions, hp.MatryoshkaWeights, distillation, hp.MatryoshkaDistillation).Compute(embeddings);
    }

    /// <summary>Mines with the base model (not a resumed checkpoint), so a resumed run plans the same data.</summary>
    private HardNegativeMining MineHardNegatives(TrainingJob job, TrainingHyperparameters hp, CancellationToken cancellationToken)
    {
        using SentenceEncoder encoder = ModelLoader.FromArtifacts(job.BaseModelId, job.BaseModel, new EncoderOptions { Device = _options.Device });
        return HardNegativeMiner.Mine(job.Triplets!, texts => texts.Chunk(_options.EvaluationBatchSize).SelectMany(chunk => encoder.EmbedTexts(chunk)).ToArray(),
            hp.MiningMargin, cancellationToken);
    }

    private static double TrainStep(FusedAdamW optimizer, GradCache gradCache,
        Func<StepInputs, IReadOnlyList<Tensor>, Tensor> loss, StepInputs inputs, double learningRate, double maxGradNorm, MasterWeights? masters)
    {
        using var scope = NewDisposeScope();
        optimizer.LearningRate = learningRate;
        optimizer.ZeroGrad();
        double value = gradCache.Step(inputs.Groups, embeddings => loss(inputs, embeddings));
        masters?.CopyGradients();
        optimizer.ClipGradNorm(maxGradNorm);
        optimizer.Step();
        masters?.CopyWeights();
        return value;
    }

    private static (ModelArtifacts Start, JsonObject? Training) LoadStart(TrainingJob job)
    {
        if (job.ResumeFrom is null)
        {
            return (job.BaseModel, null);
        }
        (ModelArtifacts artifacts, ModelManifest? manifest) = ModelFolderReader.Read(job.ResumeFrom);
        JsonObject training = manifest?.Training ?? throw new InvalidDataException($"'{job.ResumeFrom}' is not a training checkpoint (no training facts in its manifest).");
        // Resume with the base model's pooling and length limits; the checkpoint's weights.
        return (job.BaseModel with { Weights = artifacts.Weights }, training);
    }

    /// <summary>Builds the model; a cls head that the weights lack (e.g. arctic-embed-xs has no pooler) starts from the seeded random init.</summary>
    private static BertModel BuildModel(ModelArtifacts start, TrainingHyperparameters hp, bool needsHead)
    {
        BertConfig config = hp.Dropout is { } dropout
            ? start.Config with { HiddenDropoutProb = dropout, AttentionProbsDropoutProb = dropout }
            : start.Config;
        bool hasPooler = BertWeights.HasPooler(start.Weights);
        var model = new BertModel(config, hasPooler || needsHead);
        var weights = new Dictionary<string, TensorData>(start.Weights);
        if (!hasPooler && needsHead)
        {
            foreach ((string name, TensorData data) in BertWeights.Export(model).Where(entry => entry.Key.StartsWith("pooler.", StringComparison.Ordinal)))
            {
                weights[name] = data;
            }
        }
        BertWeights.Load(model, weights);
        return model;
    }

    /// <summary>AdamW with weight decay on weights only: biases and LayerNorm parameters get none (BERT's recipe).</summary>
    private static FusedAdamW CreateOptimizer(IReadOnlyList<(string name, Parameter parameter)> trainable, TrainingHyperparameters hp)
    {
        static bool NoDecay(string name) => name.EndsWith(".bias", StringComparison.Ordinal) || name.Contains("LayerNorm", StringComparison.Ordinal);
        return new FusedAdamW(
            [
                (trainable.Where(p => !NoDecay(p.name)).Select(p => p.parameter), hp.WeightDecay),
                (trainable.Where(p => NoDecay(p.name)).Select(p => p.parameter), 0.0),
            ],
            hp.LearningRate);
    }

    /// <summary>The model as artifacts for serving: the base config (original dropout), inference pooling and serving length.</summary>
    private static ModelArtifacts Export(BertModel model, ModelArtifacts start, PoolingMode inferencePooling) =>
        start with { Pooling = inferencePooling, Weights = BertWeights.Export(model) };

    private static JsonObject TrainingFacts(TrainingJob job, int step, int totalSteps, int epoch, double trainLoss, StsEvaluation? evaluation,
        IReadOnlyList<(int Dimensions, double Spearman)>? prefixes, int? bestStep, double bestSpearman, double bestScore, HardNegativeMining? mining)
    {
        var metrics = new JsonObject { ["train_loss"] = trainLoss };
        if (evaluation is not null)
        {
            metrics["valid_spearman"] = evaluation.Spearman;
            metrics["valid_pearson"] = evaluation.Pearson;
            metrics["alignment"] = double.IsFinite(evaluation.Alignment) ? evaluation.Alignment : null;
            metrics["uniformity"] = evaluation.Uniformity;
        }
        if (prefixes is not null)
        {
            metrics["valid_spearman_by_dimensions"] = PrefixEvaluation.ToJson(prefixes);
        }
        if (mining is not null)
        {
            metrics["mined_negatives"] = mining.Mined;
        }
        return new JsonObject
        {
            ["base_model"] = job.BaseModelId,
            ["job_id"] = job.JobId,
            ["method"] = TrainingMethodNames.Of(job.Method),
            ["step"] = step,
            ["total_steps"] = totalSteps,
            ["epoch"] = epoch >= 0 ? epoch : null,
            ["hyperparameters"] = job.Hyperparameters.WithDefaultsFor(job.Method).ToJson(),
            ["metrics"] = metrics,
            ["best_step"] = bestStep,
            ["best_spearman"] = double.IsFinite(bestSpearman) ? bestSpearman : null,
            // What picked the best checkpoint: its Spearman, or for a Matryoshka job the mean over the listed sizes.
            ["best_score"] = double.IsFinite(bestScore) ? bestScore : null,
        };
    }
}
