using SaeLab.Data;
using SaeLab.Training.Architectures;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Methods;
using SaeLab.Training.Supervised;

namespace SaeLab.Training;

/// <summary>
/// Trains an SAE of <see cref="SaeTrainingConfig.Architecture"/> (the seed's ReLU SAE by default, as reference_pipeline.py's
/// <c>train</c>): the architecture's initialisation (<see cref="SaeArchitectures"/>), then per
/// epoch a fresh shuffle of the training rows, cut into mini-batches of <see cref="SaeTrainingConfig.BatchSize"/>
/// (the last one keeps the remainder), one Adam step each. A batch whose loss is not finite stops the run.
/// </summary>
public static class SaeTrainer
{
    /// <summary>Trains on every vector of <paramref name="data"/>.</summary>
    public static TrainingResult Train(
        ActivationSet data, SaeTrainingConfig config, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Train(data, [.. Enumerable.Range(0, data.Count)], config, progress, cancellationToken);

    /// <summary>
    /// Trains on the vectors <paramref name="rows"/> of <paramref name="data"/> only (a token's or a layer's
    /// subset); their order does not matter beyond the seeded shuffles.
    /// </summary>
    public static TrainingResult Train(
        ActivationSet data, IReadOnlyList<int> rows, SaeTrainingConfig config,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(data, rows, config, null, null, null, progress, cancellationToken);

    /// <summary>
    /// Trains as <see cref="Train(ActivationSet, IReadOnlyList{int}, SaeTrainingConfig, IProgress{TrainingProgress}?, CancellationToken)"/>,
    /// writing a <see cref="TrainingCheckpoint"/> into <see cref="TrainingCheckpointOptions.Directory"/> every
    /// <see cref="TrainingCheckpointOptions.Every"/> steps, for every architecture and training method: the weights, Adam's
    /// moments and the step's further training state (<see cref="ISaeTrainingStep.SaveState"/>: AuxK's dead-feature
    /// counters, BatchTopK's running threshold, the resampler's counters and history).
    /// </summary>
    public static TrainingResult Train(
        ActivationSet data, IReadOnlyList<int> rows, SaeTrainingConfig config, TrainingCheckpointOptions checkpoints,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        checkpoints.Validate();
        return Run(data, rows, config, checkpoints, null, null, progress, cancellationToken);
    }

    /// <summary>
    /// Continues the run checkpointed in <paramref name="checkpointDirectory"/> on the same <paramref name="data"/> and
    /// <paramref name="rows"/> (checked by hash), with the checkpoint's settings, and keeps checkpointing there. The
    /// result is bit-identical to the uninterrupted run's with the same thread count: the weights, Adam's moments and
    /// step count and the step's further training state are loaded (and JumpReLU's threshold re-derived), and the random
    /// state, which <see cref="Random"/> cannot export, is replayed: a <see cref="Random"/> from the seed draws the
    /// initialisation again (then overwritten by the checkpoint's weights) and the shuffles of the finished epochs; the
    /// current epoch is shuffled and its finished batches skipped. The training methods' draws (b_dec's sample, each
    /// resampling's) come from a fresh <see cref="Random"/> per step (<see cref="StepRandom"/>), so nothing of them needs replaying.
    /// </summary>
    public static TrainingResult Resume(
        ActivationSet data, IReadOnlyList<int> rows, string checkpointDirectory,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TrainingCheckpointState state = TrainingCheckpoint.ReadState(checkpointDirectory);
        if (state.Supervised is not null)
        {
            throw SaeLabException.ForFile(
                Path.Combine(checkpointDirectory, TrainingCheckpoint.StateFileName), "the checkpoint is of a supervised SAE", "resume it with SupervisedSaeTrainer.Resume");
        }

        return Run(data, rows, state.Config, TrainingCheckpoint.OptionsToResume(checkpointDirectory, state), state, null, progress, cancellationToken);
    }

    /// <summary>
    /// The run behind every entry point: <see cref="TrainingLoop"/> in memory on <paramref name="rows"/>, optionally
    /// checkpointed, resumed from <paramref name="resume"/> (on the same rows, checked by hash), and made supervised by
    /// <paramref name="supervision"/>.
    /// </summary>
    internal static TrainingResult Run(
        ActivationSet data, IReadOnlyList<int> rows, SaeTrainingConfig config, TrainingCheckpointOptions? checkpoints,
        TrainingCheckpointState? resume, Supervision? supervision, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var source = new InMemoryBatchSource(data, rows);
        CheckpointPlan? plan = checkpoints is null ? null : PlanCheckpoints(source, config, supervision?.Config, checkpoints, resume);
        return TrainingLoop.Run(source, config, plan, supervision, progress, cancellationToken);
    }

    private static CheckpointPlan PlanCheckpoints(
        InMemoryBatchSource source, SaeTrainingConfig config, SupervisedConfig? supervised, TrainingCheckpointOptions checkpoints, TrainingCheckpointState? resume)
    {
        string dataHash = TrainingCheckpoint.Hash(source.RowValues);
        if (resume is null)
        {
            return new CheckpointPlan(checkpoints, TrainingCheckpointState.Fresh(config, supervised, checkpoints, source.Source, source.Vectors, dataHash), false);
        }

        if (resume.Vectors != source.Vectors || resume.DataSha256 != dataHash)
        {
            throw SaeLabException.ForFile(
                source.Source, "these are not the vectors the checkpoint was trained on", $"resume with its data: {resume.Data} ({resume.Vectors} vectors)");
        }

        return new CheckpointPlan(checkpoints, resume, true);
    }
}
