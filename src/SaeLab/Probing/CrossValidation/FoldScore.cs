namespace SaeLab.Probing.CrossValidation;

/// <summary>One cross-validation fold's test scores.</summary>
/// <param name="Repeat">Repeat number, from 0.</param>
/// <param name="Fold">Fold number within the repeat, from 0.</param>
/// <param name="TrainSize">Training problems.</param>
/// <param name="TestSize">Test problems (the fold).</param>
/// <param name="Accuracy">Test accuracy.</param>
/// <param name="MacroF1">Test macro F1.</param>
/// <param name="Converged">Whether the fit met its tolerance.</param>
public sealed record FoldScore(int Repeat, int Fold, int TrainSize, int TestSize, double Accuracy, double MacroF1, bool Converged);
