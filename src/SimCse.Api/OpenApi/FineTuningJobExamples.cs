namespace SimCse.Api.OpenApi;

/// <summary>
/// The Swagger examples of <c>POST /v1/fine_tuning/jobs</c>: one per training method and option a user chooses between
/// (issue #10). Each must validate against the documented schema and parse with <c>Jobs.HyperparameterRules</c>; the tests check both.
/// </summary>
public static class FineTuningJobExamples
{
    public static readonly RequestExample Unsupervised = new(
        """{"model": "all-MiniLM-L6-v2", "training_file": "file-abc", "validation_file": "file-def", "method": {"type": "unsupervised", "hyperparameters": {"batch_size": 64, "learning_rate": 3e-5, "max_steps": 250, "eval_steps": 125}}, "auto_activate": true}""",
        "unsupervised",
        "Unsupervised SimCSE: one sentence per line (dropout makes the positive)");

    public static readonly RequestExample Supervised = new(
        """{"model": "all-MiniLM-L6-v2", "training_file": "file-nli", "validation_file": "file-sts", "method": {"type": "supervised", "hyperparameters": {"symmetric_loss": true, "matryoshka_dims": [384, 256, 128, 64]}}}""",
        "supervised_matryoshka",
        "Supervised triplets (anchor, positive, hard negative) with the symmetric loss and Matryoshka prefixes for /v1/embeddings `dimensions`");

    public static readonly RequestExample ScoredPairs = new(
        """{"model": "all-MiniLM-L6-v2", "training_file": "file-sts-train", "validation_file": "file-sts", "method": {"type": "scored_pairs", "hyperparameters": {"n_epochs": 2, "batch_size": 32}}}""",
        "scored_pairs",
        "Graded similarity data (score, sentence1, sentence2) trained with CoSENT");

    public static readonly RequestExample MinedHardNegatives = new(
        """{"model": "all-MiniLM-L6-v2", "training_file": "file-pairs", "validation_file": "file-sts", "method": {"type": "supervised", "hyperparameters": {"mine_hard_negatives": true, "mining_margin": 0.1}}}""",
        "supervised_mined_negatives",
        "Supervised pairs without negatives: the base model mines one per pair from the training corpus, skipping candidates within mining_margin of the positive");

    public static IReadOnlyList<RequestExample> All { get; } = [Unsupervised, Supervised, ScoredPairs, MinedHardNegatives];
}
