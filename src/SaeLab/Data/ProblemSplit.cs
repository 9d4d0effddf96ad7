namespace SaeLab.Data;

/// <summary>
/// A set's problems split into training and test problems as the probes split them: problems in ascending id order,
/// labels encoded, then <see cref="StratifiedSplit"/>. Anything that must hold out the probes' test problems uses this.
/// </summary>
/// <param name="Problems">Problem id of each sample, ascending.</param>
/// <param name="Labels">Each sample's class.</param>
/// <param name="Split">Sample indices of the training and test parts, in the split's draw order.</param>
public sealed record ProblemSplit(long[] Problems, EncodedLabels Labels, TrainTestSplit Split)
{
    /// <summary>Splits <paramref name="set"/>'s problems by <paramref name="settings"/>.</summary>
    public static ProblemSplit Of(ActivationSet set, ProblemSplitConfig settings)
    {
        ProblemLabels problems = ProblemLabels.Of(set, settings.LabelKey);
        var labels = EncodedLabels.Of(problems.Labels, settings.LabelKey);
        return new ProblemSplit(problems.Problems, labels, Of(labels, settings));
    }

    /// <summary>The stratified split of samples labelled <paramref name="labels"/> by <paramref name="settings"/>.</summary>
    public static TrainTestSplit Of(EncodedLabels labels, ProblemSplitConfig settings) =>
        StratifiedSplit.Split(labels.Y, labels.Classes.Length, settings.TestSize, (uint)settings.SplitSeed);
}
