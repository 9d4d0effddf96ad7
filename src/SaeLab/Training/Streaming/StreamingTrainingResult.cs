namespace SaeLab.Training.Streaming;

/// <summary>A streaming run's trained SAE and log, with how it used memory.</summary>
/// <param name="Training">The weights and per-epoch log, as <see cref="SaeTrainer"/> returns them.</param>
/// <param name="Plan">How the memory cap was divided.</param>
/// <param name="PeakWorkingSetBytes">The process's peak resident memory when training ended, as the OS reports it (0 where unsupported).</param>
public sealed record StreamingTrainingResult(TrainingResult Training, StreamingMemoryPlan Plan, long PeakWorkingSetBytes)
{
    /// <summary>The rows trained on per epoch: the folder's, or the subset's or the training problems' of a supervised run.</summary>
    public long Vectors { get; init; }

    /// <summary>Which rows a run on a problem subset trained on, e.g. "training problems of the split: 480 of 600 problems, 8640 of 10800 vectors"; null for every row.</summary>
    public string? Rows { get; init; }

    /// <summary>For a supervised run (<see cref="StreamingTrainer.TrainSupervised"/>): its head, split and log; null otherwise.</summary>
    public Supervised.SupervisedTrainingResult? Supervised { get; init; }
}
