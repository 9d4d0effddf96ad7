using System.Globalization;
using SaeLab.GroundTruth;

namespace SaeLab.Reports;

/// <summary>A ground-truth recovery as two lines of text, as <c>saelab recovery</c> prints it: the SAE's scores, then a random dictionary's.</summary>
public static class RecoveryReport
{
    public static string Text(GroundTruthRecoveryResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"{result.TrueFeatures} true features, {result.LearnedFeatures} SAE features: mean max cosine (per true feature) {result.MeanMaxCosineTrue:0.000}, "
        + $"(per SAE feature) {result.MeanMaxCosineLearned:0.000}; recovered (cosine > {result.Threshold}) {result.FractionRecovered:0.000}\n"
        + $"a random dictionary of the same shape: mean max cosine (per true feature) {result.RandomDictionary.MeanMaxCosineTrue:0.000}, "
        + $"(per SAE feature) {result.RandomDictionary.MeanMaxCosineLearned:0.000}; recovered {result.RandomDictionary.FractionRecovered:0.000}\n");
}
