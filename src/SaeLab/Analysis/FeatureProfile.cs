namespace SaeLab.Analysis;

/// <summary>What one feature responds to.</summary>
/// <param name="Id">Feature index (row of W_dec).</param>
/// <param name="Usage">Vectors on which |z| exceeds the active threshold.</param>
/// <param name="Density">Usage ÷ vectors: the fraction of vectors the feature fires on.</param>
/// <param name="MaxActivation">Largest z over all vectors.</param>
/// <param name="MeanActivation">Mean z over the vectors it fires on (its typical strength); 0 for a dead feature.</param>
/// <param name="LabelSelective">Label selectivity ≥ the analysis's minimum and used by at least its minimum number of vectors.</param>
/// <param name="Label">Against the label column.</param>
/// <param name="Layer">Against the layers column; null when the data does not record layers.</param>
/// <param name="Token">Against the tokens column; null when the data does not record token positions.</param>
public sealed record FeatureProfile(
    int Id,
    int Usage,
    double Density,
    float MaxActivation,
    double MeanActivation,
    bool LabelSelective,
    FeaturePreference Label,
    FeaturePreference? Layer,
    FeaturePreference? Token)
{
    /// <summary>Top examples, histogram, quantile bands and decoder neighbours; null unless <see cref="AnalysisOptions.Examples"/> &gt; 0 and the feature is used.</summary>
    public FeatureDetail? Detail { get; init; }
}
