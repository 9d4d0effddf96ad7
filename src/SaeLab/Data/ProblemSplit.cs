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

    /// <summary>
    /// The vectors of <paramref name="set"/> whose problem falls in <paramref name="part"/> of the split
    /// <paramref name="settings"/> describe (the probes' split), e.g. to evaluate an SAE on problems it was not trained on.
    /// </summary>
    public static ActivationSet Vectors(ActivationSet set, ProblemSplitConfig settings, SplitPart part)
    {
        if (part == SplitPart.All)
        {
            return set;
        }

        var (rows, description) = Rows(set, settings, part);
        return set.TakeRows(rows, $"{set.Source} ({description})");
    }

    /// <summary>
    /// The rows of <see cref="Vectors"/>, in row order, and what they are, e.g.
    /// "training problems of the split: 480 of 600 problems, 8640 of 10800 vectors".
    /// </summary>
    public static (int[] Rows, string Description) Rows(ActivationSet set, ProblemSplitConfig settings, SplitPart part)
    {
        if (part == SplitPart.All)
        {
            return ([.. Enumerable.Range(0, set.Count)], $"all {set.Count} vectors");
        }

        settings.Validate();
        var (problems, _, split) = Of(set, settings);
        var kept = (part == SplitPart.Test ? split.Test : split.Train).Select(sample => problems[sample]).ToHashSet();
        long[] ids = set.Ints(MetadataKeys.Problems);
        int[] rows = [.. Enumerable.Range(0, set.Count).Where(row => kept.Contains(ids[row]))];
        string name = part == SplitPart.Test ? "test" : "training";
        return (rows, $"{name} problems of the split: {kept.Count} of {problems.Length} problems, {rows.Length} of {set.Count} vectors");
    }

    /// <summary>The stratified split of samples labelled <paramref name="labels"/> by <paramref name="settings"/>.</summary>
    public static TrainTestSplit Of(EncodedLabels labels, ProblemSplitConfig settings) =>
        StratifiedSplit.Split(labels.Y, labels.Classes.Length, settings.TestSize, (uint)settings.SplitSeed);
}
