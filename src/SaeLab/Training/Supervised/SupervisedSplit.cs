using SaeLab.Data;

namespace SaeLab.Training.Supervised;

/// <summary>
/// Which vectors a supervised SAE may train on: those of the probes' training problems, each with its class. The
/// problems are split by <see cref="ProblemSplit"/>, the split the probes make, so the held-out problems are the
/// probes' test problems.
/// </summary>
/// <param name="Classes">Distinct labels, ordinal order (the head's outputs).</param>
/// <param name="Rows">Rows of the set whose problem is in the training part, ascending.</param>
/// <param name="RowClasses">Class index of each of <see cref="Rows"/>.</param>
/// <param name="TrainProblems">Problem ids of the training part, ascending.</param>
/// <param name="TestProblems">Problem ids held out (never trained on), ascending.</param>
public sealed record SupervisedSplit(string[] Classes, int[] Rows, int[] RowClasses, long[] TrainProblems, long[] TestProblems)
{
    /// <summary>Splits <paramref name="set"/>'s problems as a probe with <paramref name="settings"/> would.</summary>
    public static SupervisedSplit Of(ActivationSet set, ProblemSplitConfig settings)
    {
        settings.Validate();
        if (!set.HasColumn(MetadataKeys.Problems))
        {
            throw SaeLabException.ForFile(
                set.Source, $"a supervised SAE needs a '{MetadataKeys.Problems}' column", "the split holds out whole problems, as the probes do");
        }

        var (problems, labels, split) = ProblemSplit.Of(set, settings);
        var classOfTrainProblem = split.Train.ToDictionary(sample => problems[sample], sample => labels.Y[sample]);
        long[] ids = set.Ints(MetadataKeys.Problems);
        int[] rows = [.. Enumerable.Range(0, set.Count).Where(row => classOfTrainProblem.ContainsKey(ids[row]))];
        return new SupervisedSplit(
            labels.Classes,
            rows,
            [.. rows.Select(row => classOfTrainProblem[ids[row]])],
            [.. classOfTrainProblem.Keys.Order()],
            [.. split.Test.Select(sample => problems[sample]).Order()]);
    }
}
