namespace SaeLab.Training;

/// <summary>
/// A run stopped on request (its cancellation token, e.g. Ctrl+C) after a whole step: <see cref="Checkpoint"/> holds
/// the run as of <see cref="Step"/>, to resume bit for bit, when the run was checkpointed; null otherwise.
/// </summary>
public sealed class TrainingInterruptedException(int step, string? checkpoint, CancellationToken token)
    : OperationCanceledException(Describe(step, checkpoint), token)
{
    /// <summary>The Adam steps done.</summary>
    public int Step { get; } = step;

    /// <summary>The checkpoint folder written at <see cref="Step"/> (or kept from earlier when the weights were no longer finite); null when the run had no checkpoints.</summary>
    public string? Checkpoint { get; } = checkpoint;

    private static string Describe(int step, string? checkpoint) =>
        checkpoint is null ? $"training interrupted after step {step}; it was not checkpointed" : $"training interrupted after step {step}; checkpoint in {checkpoint}";
}
