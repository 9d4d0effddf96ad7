namespace SaeLab.Training.Optimization;

/// <summary>Adam's state besides the parameters: the step count (for the bias corrections) and both moment buffers.</summary>
/// <param name="Steps">Steps taken so far.</param>
/// <param name="FirstMoments">m, one buffer per parameter matrix, in the optimiser's order.</param>
/// <param name="SecondMoments">v, one buffer per parameter matrix, in the optimiser's order.</param>
public sealed record AdamState(int Steps, IReadOnlyList<float[]> FirstMoments, IReadOnlyList<float[]> SecondMoments);
