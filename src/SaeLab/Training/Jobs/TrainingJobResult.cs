using SaeLab.Training.Streaming;
using SaeLab.Training.Supervised;

namespace SaeLab.Training.Jobs;

/// <summary>What a finished <see cref="TrainingJob"/> trained and wrote.</summary>
/// <param name="Training">The SAE and its epochs.</param>
/// <param name="Vectors">Vectors it trained on.</param>
/// <param name="Output">The SAE folder written.</param>
public sealed record TrainingJobResult(TrainingResult Training, int Vectors, string Output)
{
    /// <summary>The head, split and log of a supervised run; null otherwise.</summary>
    public SupervisedTrainingResult? Supervised { get; init; }

    /// <summary>The memory plan of a streamed run; null otherwise.</summary>
    public StreamingMemoryPlan? Plan { get; init; }
}
