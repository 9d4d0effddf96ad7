namespace SaeLab.GroundTruth;

/// <summary>How well an SAE's decoder directions recover a known dictionary (see <see cref="GroundTruthRecovery"/>).</summary>
/// <param name="TrueFeatures">Ground-truth features F.</param>
/// <param name="LearnedFeatures">SAE features m.</param>
/// <param name="MeanMaxCosineTrue">Headline: mean over true features of the best cosine with any learned row.</param>
/// <param name="MeanMaxCosineLearned">Mean over learned rows of the best cosine with any true feature (penalises dead or junk rows).</param>
/// <param name="FractionRecovered">Fraction of true features whose best cosine exceeds <see cref="Threshold"/>.</param>
/// <param name="Threshold">The recovery threshold.</param>
/// <param name="IgnoreSign">Whether |cosine| was used.</param>
/// <param name="BestCosinePerTrue">Best cosine of each true feature [F].</param>
/// <param name="BestLearnedPerTrue">Index of the learned row achieving it [F].</param>
public sealed record GroundTruthRecoveryResult(
    int TrueFeatures,
    int LearnedFeatures,
    double MeanMaxCosineTrue,
    double MeanMaxCosineLearned,
    double FractionRecovered,
    double Threshold,
    bool IgnoreSign,
    float[] BestCosinePerTrue,
    int[] BestLearnedPerTrue)
{
    /// <summary>The same measures for random unit directions as many as the SAE's rows: what chance alone scores.</summary>
    public required RandomDictionaryRecovery RandomDictionary { get; init; }
}
