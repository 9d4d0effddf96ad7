using SaeLab.Sae;
using SaeLab.Training.Methods;

namespace SaeLab.Training;

/// <summary>A trained SAE with its per-epoch log.</summary>
/// <param name="Sae">The trained weights.</param>
/// <param name="Epochs">One entry per epoch, in order.</param>
/// <param name="Seconds">Wall time of the whole run (initialisation included).</param>
/// <param name="Methods">What the training methods did; null for trainers that take none.</param>
public sealed record TrainingResult(DictionarySae Sae, IReadOnlyList<EpochStats> Epochs, double Seconds, TrainingMethodsOutcome? Methods = null);
