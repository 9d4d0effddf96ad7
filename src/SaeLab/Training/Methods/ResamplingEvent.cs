namespace SaeLab.Training.Methods;

/// <summary>One resampling of dead features.</summary>
/// <param name="Step">The step after which it ran.</param>
/// <param name="Dead">Features dead at that step.</param>
/// <param name="Resampled">Features re-initialised (fewer than <paramref name="Dead"/> only when the sample had fewer usable vectors).</param>
public sealed record ResamplingEvent(int Step, int Dead, int Resampled);
