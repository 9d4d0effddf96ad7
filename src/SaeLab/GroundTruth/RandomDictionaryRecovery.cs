namespace SaeLab.GroundTruth;

/// <summary>
/// Ground-truth recovery scored by a random dictionary of the SAE's shape (isotropic Gaussian rows, unit length): the
/// chance level each of <see cref="GroundTruthRecoveryResult"/>'s measures must beat.
/// </summary>
/// <param name="MeanMaxCosineTrue">Mean over true features of the best cosine with any random row.</param>
/// <param name="MeanMaxCosineLearned">Mean over random rows of the best cosine with any true feature.</param>
/// <param name="FractionRecovered">Fraction of true features some random row matches above the threshold.</param>
/// <param name="Seed">Seed of the random rows.</param>
public sealed record RandomDictionaryRecovery(double MeanMaxCosineTrue, double MeanMaxCosineLearned, double FractionRecovered, int Seed);
