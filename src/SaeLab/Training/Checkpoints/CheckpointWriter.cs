using SaeLab.Training.Architectures;
using SaeLab.Training.Optimization;

namespace SaeLab.Training.Checkpoints;

/// <summary>
/// Writes a <see cref="TrainingCheckpoint"/> after every <see cref="TrainingCheckpointOptions.Every"/>-th step of a
/// run, unless the step left a non-finite weight: then the last good checkpoint stays and the run stops; and one more
/// when the run is interrupted (<see cref="Interrupt"/>).
/// </summary>
internal sealed class CheckpointWriter(TrainingCheckpointOptions options, TrainingCheckpointState baseline, ISaeTrainingStep step, IReadOnlyList<EpochStats> epochs)
{
    /// <summary>Steps of the last checkpoint written (or resumed from); 0 if none.</summary>
    public int LastSaved { get; private set; } = baseline.Steps;

    /// <summary>The checkpoint folder.</summary>
    public string Directory => options.Directory;

    /// <summary>What a diverged run's error adds about its checkpoints: the last good one kept, or none written yet; nothing without checkpoints.</summary>
    public static string KeptHint(CheckpointWriter? writer) =>
        writer is null ? "" : writer.LastSaved > 0 ? $"; the last good checkpoint (step {writer.LastSaved}) is kept in {writer.Directory}" : "; no checkpoint was written yet";

    /// <summary>
    /// The exception that ends a run whose cancellation was requested after a batch of <paramref name="epoch"/>: first the
    /// run as it stands is checkpointed (unless <paramref name="writer"/> is null, the step was just saved, or a weight is
    /// no longer finite, when the last good checkpoint stays).
    /// </summary>
    public static TrainingInterruptedException Interrupt(CheckpointWriter? writer, ISaeTrainingStep step, int epoch, EpochTotals totals, CancellationToken token)
    {
        int steps = step.Optimizer.Steps;
        if (writer is null)
        {
            return new TrainingInterruptedException(steps, null, token);
        }

        if (writer.LastSaved != steps && TrainingCheckpoint.AllFinite(step.Optimizer))
        {
            writer.Save(epoch, totals);
        }

        return new TrainingInterruptedException(writer.LastSaved, writer.LastSaved > 0 ? writer.Directory : null, token);
    }

    /// <summary>Called after each batch of <paramref name="epoch"/>; false when the weights are no longer finite.</summary>
    public bool AfterBatch(int epoch, EpochTotals totals)
    {
        AdamOptimizer optimizer = step.Optimizer;
        if (optimizer.Steps % options.Every != 0)
        {
            return true;
        }

        if (!TrainingCheckpoint.AllFinite(optimizer))
        {
            return false;
        }

        Save(epoch, totals);
        return true;
    }

    private void Save(int epoch, EpochTotals totals)
    {
        System.IO.Directory.CreateDirectory(options.Directory);
        TrainingCheckpointState state = baseline with { Epoch = epoch, Totals = totals, Epochs = [.. epochs] };
        LastSaved = TrainingCheckpoint.Save(options.Directory, state, step).Steps;

        // The checkpoint's copies are garbage once written; the GC, which does not know a streamed run's memory cap, would
        // let them pile up. A collection costs little beside writing the weights.
        GC.Collect();
    }
}
