using SaeLab.Settings;

namespace SaeLab.Training.Checkpoints;

/// <summary>Where and how often <see cref="SaeTrainer"/> writes a <see cref="TrainingCheckpoint"/>.</summary>
public sealed record TrainingCheckpointOptions
{
    /// <summary>The default <see cref="Every"/>: about 12 epochs of the seed (43 steps per epoch); at the pilot's size a checkpoint is ~400 MB, so more often would slow training.</summary>
    public const int DefaultEvery = 500;

    /// <summary>The checkpoint folder (<c>OUT/checkpoint</c> for <c>saelab train --out OUT</c>); required.</summary>
    public string Directory { get; init; } = "";

    /// <summary>
    /// Adam steps between checkpoints (<c>--checkpoint-every</c>); ≥ 1. On the command line 0 means no checkpoints, and a
    /// streamed run writes none unless the flag is given (under a memory cap they cost room).
    /// </summary>
    [Setting("--checkpoint-every", "Write OUT/checkpoint/ (weights, Adam state, data position) every N steps; 0: none; a shard folder: none unless given")]
    public int Every { get; init; } = DefaultEvery;

    /// <summary>How the finished SAE is to be saved (weights dtype, model and hook names), kept in the checkpoint so that a resumed run saves it the same way; null when the caller saves it itself.</summary>
    public Sae.SaeSaveOptions? Save { get; init; }

    /// <summary>The part of a problem split the run trains on, kept in the checkpoint so that a resumed run selects the same vectors; null for all the vectors given.</summary>
    public Data.ProblemSubset? Subset { get; init; }

    /// <summary>Throws a <see cref="SaeLabException"/> naming the invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Directory))
        {
            throw new SaeLabException("a checkpointed run needs its checkpoint folder (TrainingCheckpointOptions.Directory)");
        }

        if (Every < 1)
        {
            throw new SaeLabException($"--checkpoint-every must be a whole number of steps ≥ 1 (or 0 for no checkpoints), got {Every}");
        }
    }
}
