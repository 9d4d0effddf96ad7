namespace SaeLab.Training.Checkpoints;

/// <summary>A run's checkpoints: where and how often they are written, and the state they start from.</summary>
/// <param name="Options">The checkpoint folder and interval.</param>
/// <param name="Start">A fresh run's state before its first checkpoint, or the checkpoint a resumed run continues.</param>
/// <param name="Resuming">Whether <paramref name="Start"/> is a checkpoint to restore.</param>
internal sealed record CheckpointPlan(TrainingCheckpointOptions Options, TrainingCheckpointState Start, bool Resuming);
