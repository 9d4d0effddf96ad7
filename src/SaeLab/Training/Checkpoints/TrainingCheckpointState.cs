namespace SaeLab.Training.Checkpoints;

/// <summary>
/// <c>state.json</c> of a <see cref="TrainingCheckpoint"/>: everything besides the tensors that an exact resume needs.
/// The random state is not stored: it is replayed from <see cref="SaeTrainingConfig.Seed"/> (see <see cref="SaeTrainer.Resume"/>).
/// </summary>
public sealed record TrainingCheckpointState
{
    /// <summary>
    /// The version of this layout; a reader refuses others. 2: the tensor file also holds the step's
    /// <see cref="TrainingStepState"/> (version 1, relu only, had none).
    /// </summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>Layout version, <see cref="CurrentFormatVersion"/>.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The run's settings; a resumed run continues with them.</summary>
    public required SaeTrainingConfig Config { get; init; }

    /// <summary>The supervision of a supervised SAE's run (<see cref="Supervised.SupervisedSaeTrainer"/>); null for an unsupervised one.</summary>
    public Supervised.SupervisedConfig? Supervised { get; init; }

    /// <summary>Adam steps between checkpoints.</summary>
    public required int Every { get; init; }

    /// <summary>How the finished SAE is saved (<see cref="TrainingCheckpointOptions.Save"/>); null when not recorded.</summary>
    public Sae.SaeSaveOptions? Save { get; init; }

    /// <summary>The part of a problem split trained on (<see cref="TrainingCheckpointOptions.Subset"/>); null for all vectors.</summary>
    public Data.ProblemSubset? Subset { get; init; }

    /// <summary>The training data's source (a path for the CLI).</summary>
    public required string Data { get; init; }

    /// <summary>Training vectors.</summary>
    public required long Vectors { get; init; }

    /// <summary>For a run streamed from a shard folder (<see cref="Streaming.StreamingTrainer"/>), what fixed its row order; null in memory.</summary>
    public Streaming.StreamingOrder? Streaming { get; init; }

    /// <summary>
    /// SHA-256 (hex) of the training rows' float32 values in the rows' given order (of a shard folder's index, streamed):
    /// a resume on other data is refused.
    /// </summary>
    public required string DataSha256 { get; init; }

    /// <summary>Adam steps taken: the weights are those after this many steps.</summary>
    public required int Steps { get; init; }

    /// <summary>The 1-based epoch in progress.</summary>
    public required int Epoch { get; init; }

    /// <summary>The in-progress epoch's finished batches and their loss sums.</summary>
    public required EpochTotals Totals { get; init; }

    /// <summary>The finished epochs' statistics.</summary>
    public required IReadOnlyList<EpochStats> Epochs { get; init; }

    /// <summary>The tensor file, in the checkpoint folder, beside this file.</summary>
    public required string WeightsFile { get; init; }

    /// <summary>SHA-256 (hex) of the trainable parameters' float32 values and the step's state tensors (name and bytes, in name order), checked after loading.</summary>
    public required string WeightsSha256 { get; init; }

    /// <summary>The state of a fresh run before its first checkpoint: step 0, epoch 1, no weights file yet.</summary>
    public static TrainingCheckpointState Fresh(
        SaeTrainingConfig config, Supervised.SupervisedConfig? supervised, TrainingCheckpointOptions checkpoints, string data, long vectors, string dataSha256) => new()
        {
            Config = config,
            Supervised = supervised,
            Every = checkpoints.Every,
            Save = checkpoints.Save,
            Subset = checkpoints.Subset,
            Data = data,
            Vectors = vectors,
            DataSha256 = dataSha256,
            Steps = 0,
            Epoch = 1,
            Totals = new EpochTotals(),
            Epochs = [],
            WeightsFile = "",
            WeightsSha256 = "",
        };
}
