namespace SaeLab.Analysis;

/// <summary>One vector a feature fires on.</summary>
/// <param name="Vector">Row of the activation set (its metadata say which problem, layer and token).</param>
/// <param name="Activation">The feature's code z on it.</param>
public sealed record FeatureExample(int Vector, float Activation);
