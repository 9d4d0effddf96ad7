namespace SaeLab.Training.Methods;

/// <summary>What the training methods did in a run (written to <c>training.json</c>).</summary>
/// <param name="InputScale">The factor the training vectors were multiplied by (<see cref="TrainingMethods.NormalizeInputs"/>), folded back into the saved SAE; null when off.</param>
/// <param name="Resamplings">Each resampling of dead features, in order (<see cref="TrainingMethods.ResampleEvery"/>).</param>
public sealed record TrainingMethodsOutcome(float? InputScale, IReadOnlyList<ResamplingEvent> Resamplings);
