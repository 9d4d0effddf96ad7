using SaeLab.Data;
using SaeLab.Training.Checkpoints;

namespace SaeLab.Training.Supervised;

/// <summary>
/// Trains a supervised SAE of any architecture: the SAE and a linear head on its codes, minimising the architecture's
/// loss + λ · cross-entropy (<see cref="SupervisedTrainingStep"/> around the architecture's step, training methods
/// included). It trains on the vectors of the probes' training problems only (<see cref="SupervisedSplit"/>): the
/// held-out problems' vectors are used for nothing, so a probe of the codes scores them on problems neither the SAE nor
/// its head has seen. The run is <see cref="SaeTrainer"/>'s on those rows (initialisation, then the head's, then per
/// epoch a fresh shuffle cut into mini-batches), checkpoints and the exact resume included.
/// </summary>
public static class SupervisedSaeTrainer
{
    /// <summary>Trains on the training problems' vectors of <paramref name="data"/> (every labelled vector of theirs).</summary>
    public static SupervisedTrainingResult Train(
        ActivationSet data, SaeTrainingConfig config, SupervisedConfig supervised,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(data, config, supervised, null, null, progress, cancellationToken);

    /// <summary>Trains as <see cref="Train(ActivationSet, SaeTrainingConfig, SupervisedConfig, IProgress{TrainingProgress}?, CancellationToken)"/>, checkpointing the SAE, the head and its log.</summary>
    public static SupervisedTrainingResult Train(
        ActivationSet data, SaeTrainingConfig config, SupervisedConfig supervised, TrainingCheckpointOptions checkpoints,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        checkpoints.Validate();
        return Run(data, config, supervised, checkpoints, null, progress, cancellationToken);
    }

    /// <summary>Continues the supervised run checkpointed in <paramref name="checkpointDirectory"/> bit for bit (see <see cref="SaeTrainer.Resume"/>).</summary>
    public static SupervisedTrainingResult Resume(
        ActivationSet data, string checkpointDirectory, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TrainingCheckpointState state = TrainingCheckpoint.ReadState(checkpointDirectory);
        SupervisedConfig supervised = state.Supervised ?? throw SaeLabException.ForFile(
            Path.Combine(checkpointDirectory, TrainingCheckpoint.StateFileName), "the checkpoint is of an unsupervised SAE", "resume it with SaeTrainer.Resume");
        return Run(data, state.Config, supervised, TrainingCheckpoint.OptionsToResume(checkpointDirectory, state), state, progress, cancellationToken);
    }

    private static SupervisedTrainingResult Run(
        ActivationSet data, SaeTrainingConfig config, SupervisedConfig supervised, TrainingCheckpointOptions? checkpoints, TrainingCheckpointState? resume,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        config.Validate();
        supervised.Validate();
        SupervisedSplit split = SupervisedSplit.Of(data, supervised.SplitSettings);
        var supervision = new Supervision(supervised, split);
        TrainingResult training = SaeTrainer.Run(data, split.Rows, config, checkpoints, resume, supervision, progress, cancellationToken);
        SupervisedTrainingStep step = supervision.Step ?? throw new InvalidOperationException("the supervised step was not built");
        return new SupervisedTrainingResult(training, step.Head, split, step.Epochs, supervised);
    }
}
