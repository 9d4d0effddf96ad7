using System.Globalization;
using SaeLab.Data;
using SaeLab.Training.Supervised;

namespace SaeLab.Training.Checkpoints;

/// <summary>
/// The settings a resume was given again, each null when not given. A resumed run continues with the checkpoint's own
/// settings, so every one given must agree with them: <see cref="CheckAgainst"/> decides, and its error lists each
/// that differs beside the checkpoint's value.
/// </summary>
public sealed record ResumeRequest
{
    /// <summary>The training settings given over the checkpoint's <see cref="TrainingCheckpointState.Config"/> (so only those given can differ).</summary>
    public SaeTrainingConfig? Config { get; init; }

    /// <summary>The data given (<c>--data</c>), as a full path.</summary>
    public string? Data { get; init; }

    /// <summary>The output folder given (<c>--out</c>), as a full path: it must be the resumed folder.</summary>
    public string? Output { get; init; }

    /// <summary>The checkpoint interval given (<c>--checkpoint-every</c>).</summary>
    public int? CheckpointEvery { get; init; }

    /// <summary>The supervision given (<c>--supervised-weight</c> and its split).</summary>
    public SupervisedConfig? Supervised { get; init; }

    /// <summary>Whether the vectors to train on were given (<c>--vectors</c>): then <see cref="Subset"/> must be the checkpoint's.</summary>
    public bool SubsetGiven { get; init; }

    /// <summary>The part of the split given, null for all vectors; read only when <see cref="SubsetGiven"/>.</summary>
    public ProblemSubset? Subset { get; init; }

    /// <summary>The stream's chunk size given (<c>--chunk-rows</c>), which fixed a streamed run's row order.</summary>
    public int? ChunkRows { get; init; }

    /// <summary>
    /// Refuses this request for the checkpoint <paramref name="state"/> of the output folder <paramref name="folder"/>
    /// when any setting given differs from the checkpoint's, naming each.
    /// </summary>
    public void CheckAgainst(TrainingCheckpointState state, string folder)
    {
        List<string> differences = [.. Differences(state, folder)];
        if (differences.Count > 0)
        {
            throw new SaeLabException(
                $"--resume continues with the checkpoint's settings, and these options differ from them: {string.Join("; ", differences)}. Drop them, or train afresh into another --out folder");
        }
    }

    private IEnumerable<string> Differences(TrainingCheckpointState state, string folder)
    {
        if (Config is not null)
        {
            foreach (TrainingConfigDifference difference in TrainingConfigDifference.Between(Config, state.Config))
            {
                yield return $"{difference.OptionName} {difference.Requested} (checkpoint: {difference.Stored})";
            }
        }

        if (Data is not null && Data != state.Data)
        {
            yield return $"--data {Data} (checkpoint: {state.Data})";
        }

        if (Output is not null && Output != folder)
        {
            yield return $"--out {Output} (resuming writes to {folder})";
        }

        if (CheckpointEvery is int every && every != state.Every)
        {
            yield return $"--checkpoint-every {every} (checkpoint: {state.Every})";
        }

        if (Supervised is not null && Supervised != state.Supervised)
        {
            yield return $"{Describe(Supervised)} (checkpoint: {(state.Supervised is null ? "an unsupervised SAE" : Describe(state.Supervised))})";
        }

        if (SubsetGiven && Subset != state.Subset)
        {
            yield return $"{Describe(Subset)} (checkpoint: {Describe(state.Subset)})";
        }

        if (ChunkRows is int rows && state.Streaming is { } order && rows != order.ChunkRows)
        {
            yield return $"--chunk-rows {rows} (checkpoint: {order.ChunkRows}, which fixed the row order)";
        }
    }

    private static string Describe(SupervisedConfig supervised) =>
        string.Create(CultureInfo.InvariantCulture, $"--supervised-weight {supervised.Weight} {Describe(supervised.SplitSettings)}");

    private static string Describe(ProblemSubset? subset) =>
        subset is null ? "--vectors all" : $"--vectors {subset.Part.ToString().ToLowerInvariant()} {Describe(subset.Split)}";

    // The split as its flags give it.
    private static string Describe(ProblemSplitConfig split) =>
        string.Create(CultureInfo.InvariantCulture, $"--label-key {split.LabelKey} --split-seed {split.SplitSeed} --test-size {split.TestSize}");
}
