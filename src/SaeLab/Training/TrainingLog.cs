using SaeLab.Training.Methods;

namespace SaeLab.Training;

/// <summary>What <c>training.json</c> holds: the run's inputs, settings and per-epoch log.</summary>
/// <param name="Data">Where the training vectors came from.</param>
/// <param name="Vectors">How many vectors were trained on.</param>
/// <param name="DIn">Input dimension d.</param>
/// <param name="DSae">Dictionary size m.</param>
/// <param name="Config">The settings, as given (unset options omitted).</param>
/// <param name="Epochs">One entry per epoch.</param>
/// <param name="Seconds">Wall time of the run.</param>
/// <param name="Methods">What the training methods did (input scale, resamplings); null where none were run.</param>
public sealed record TrainingLog(
    string Data, int Vectors, int DIn, int DSae, SaeTrainingConfig Config, IReadOnlyList<EpochStats> Epochs, double Seconds,
    TrainingMethodsOutcome? Methods = null);
