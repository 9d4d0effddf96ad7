using SaeLab.Data;
using SaeLab.Settings;

namespace SaeLab.Tests.Data;

public sealed class ProblemSplitVectorsTests
{
    private static readonly ProblemSplitConfig Split = new();

    [Fact]
    public void TestVectors_AreThoseOfTheSplitsTestProblems_WithTheirMetadata()
    {
        ActivationSet set = TwoVectorsPerProblem();
        ProblemSplit split = ProblemSplit.Of(set, Split);
        long[] testProblems = [.. split.Split.Test.Select(sample => split.Problems[sample]).Order()];

        ActivationSet test = ProblemSplit.Vectors(set, Split, SplitPart.Test);

        // ⌈0.2 · 10⌉ = 2 test problems, two vectors each; each row keeps its own values and problem id.
        Assert.Equal(2, testProblems.Length);
        Assert.Equal(4, test.Count);
        Assert.Equal(testProblems, test.Ints(MetadataKeys.Problems).Distinct().Order());
        for (int row = 0; row < test.Count; row++)
        {
            long problem = test.Ints(MetadataKeys.Problems)[row];
            Assert.Equal(problem, test.Row(row)[0]);
            Assert.Equal(problem < 5 ? "a" : "b", test.Strings(MetadataKeys.DefaultLabel)[row]);
        }

        Assert.Contains("test problems of the split: 2 of 10 problems, 4 of 20 vectors", test.Source);
    }

    [Fact]
    public void TrainAndTestVectors_PartitionTheSet()
    {
        ActivationSet set = TwoVectorsPerProblem();

        long[] train = ProblemSplit.Vectors(set, Split, SplitPart.Train).Ints(MetadataKeys.Problems);
        long[] test = ProblemSplit.Vectors(set, Split, SplitPart.Test).Ints(MetadataKeys.Problems);

        Assert.Empty(train.Intersect(test));
        Assert.Equal(set.Ints(MetadataKeys.Problems).Order(), train.Concat(test).Order());
        Assert.Same(set, ProblemSplit.Vectors(set, Split, SplitPart.All));
    }

    [Fact]
    public void AnOutOfRangeSplit_IsRefusedNamingTheOption()
    {
        var error = Assert.Throws<SettingException>(() => ProblemSplit.Vectors(TwoVectorsPerProblem(), Split with { TestSize = 1 }, SplitPart.Test));

        Assert.Contains("--test-size", error.Message);
    }

    /// <summary>Ten problems (0–4 labelled a, 5–9 b), two vectors each, each vector's first value its problem id.</summary>
    internal static ActivationSet TwoVectorsPerProblem()
    {
        long[] problems = [.. Enumerable.Range(0, 20).Select(row => (long)(row / 2))];
        float[] values = [.. problems.SelectMany(problem => new[] { problem, 1f })];
        string[] labels = [.. problems.Select(problem => problem < 5 ? "a" : "b")];
        return new ActivationSet(values, 20, 2, [new IntColumn(MetadataKeys.Problems, problems), new StringColumn(MetadataKeys.DefaultLabel, labels)], "pairs");
    }
}
