using SaeLab.Statistics;

namespace SaeLab.Probing.CrossValidation;

/// <summary>Repeated stratified k-fold cross-validation of one probe; written as JSON by <c>saelab probe --cv --out</c>.</summary>
/// <param name="Aggregation">The aggregation, canonical form.</param>
/// <param name="Source"><c>raw</c> or <c>sae</c>.</param>
/// <param name="LabelKey">The label column.</param>
/// <param name="Standardize">Whether features were standardised (fitted on each fold's training part).</param>
/// <param name="Folds">k.</param>
/// <param name="Repeats">Repeats.</param>
/// <param name="Seed">Seed of the fold shuffles.</param>
/// <param name="Samples">Problems.</param>
/// <param name="NFeatures">Features per problem.</param>
/// <param name="Accuracy">Test accuracy over all folds × repeats: mean, sample std, min, max, n.</param>
/// <param name="MacroF1">Test macro F1 over all folds × repeats.</param>
/// <param name="FoldScores">Every fold's scores.</param>
public sealed record CrossValidationResult(
    string Aggregation,
    string Source,
    string LabelKey,
    bool Standardize,
    int Folds,
    int Repeats,
    int Seed,
    int Samples,
    int NFeatures,
    MetricSummary Accuracy,
    MetricSummary MacroF1,
    IReadOnlyList<FoldScore> FoldScores);
