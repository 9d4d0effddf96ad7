using System.Text.Json.Serialization;
using SaeLab.Data;

namespace SaeLab.Probing.Sparse;

/// <summary>
/// One of SAEBench's binary sparse-probing tasks: <see cref="Positive"/> against the other classes, with as many
/// negatives as positives in each part (built by <see cref="BalancedBinaryTasks"/>).
/// </summary>
/// <param name="Positive">The class probed; the negatives are labelled <see cref="Negative"/>.</param>
/// <param name="Train">Sample indices of the training part: the class's training problems, then the drawn negatives.</param>
/// <param name="Test">Sample indices of the test part, in the same order.</param>
/// <param name="TrainNegatives">Negatives drawn from each other class for the training part.</param>
/// <param name="TestNegatives">Negatives drawn from each other class for the test part.</param>
public sealed record BinaryProbeTask(
    string Positive,
    [property: JsonIgnore] int[] Train,
    [property: JsonIgnore] int[] Test,
    IReadOnlyDictionary<string, int> TrainNegatives,
    IReadOnlyDictionary<string, int> TestNegatives)
{
    /// <summary>The label of every negative.</summary>
    public string Negative => $"not {Positive}";

    /// <summary>Positives in the training part (as many as its negatives).</summary>
    public int TrainPositives => Train.Length - TrainNegatives.Values.Sum();

    /// <summary>Positives in the test part (as many as its negatives).</summary>
    public int TestPositives => Test.Length - TestNegatives.Values.Sum();

    /// <summary>The task's parts as a split for <see cref="Prober.FitSplit"/>.</summary>
    public TrainTestSplit ToSplit() => new(Train, Test);

    /// <summary>
    /// Every sample labelled 1 (<see cref="Positive"/>) or 0 (<see cref="Negative"/>), as SAEBench's
    /// <c>POSITIVE_CLASS_LABEL</c> / <c>NEGATIVE_CLASS_LABEL</c>: the binary probe's weight vector is for the positive class.
    /// </summary>
    public EncodedLabels Labels(EncodedLabels all) =>
        new([Negative, Positive], all.Y.Select(y => all.Classes[y] == Positive ? 1 : 0).ToArray());
}
