namespace SaeLab.Training.Streaming;

/// <summary>A streaming run's trained SAE and log, with how it used memory.</summary>
/// <param name="Training">The weights and per-epoch log, as <see cref="SaeTrainer"/> returns them.</param>
/// <param name="Plan">How the memory cap was divided.</param>
/// <param name="PeakWorkingSetBytes">The process's peak resident memory when training ended, as the OS reports it (0 where unsupported).</param>
public sealed record StreamingTrainingResult(TrainingResult Training, StreamingMemoryPlan Plan, long PeakWorkingSetBytes)
{
    /// <summary>For a supervised run (<see cref="StreamingTrainer.TrainSupervised"/>): its head, split and log; null otherwise.</summary>
    public Supervised.SupervisedTrainingResult? Supervised { get; init; }
}
