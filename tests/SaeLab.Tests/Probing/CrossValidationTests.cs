using SaeLab.Data;
using SaeLab.Probing;
using SaeLab.Probing.Aggregation;
using SaeLab.Probing.CrossValidation;
using SaeLab.Synthetic;
using SaeLab.Tests.Statistics;

namespace SaeLab.Tests.Probing;

public sealed class CrossValidationTests
{
    public static TheoryData<int> Cases => new(Enumerable.Range(0, ProbeFixtures.Read<FoldsCase[]>("repeated_stratified_kfold.json").Length));

    [Theory]
    [MemberData(nameof(Cases))]
    public void TestFolds_MatchScikitLearn(int index)
    {
        FoldsCase c = ProbeFixtures.Read<FoldsCase[]>("repeated_stratified_kfold.json")[index];

        int[][] folds = RepeatedStratifiedKFold.TestFolds(c.Labels, c.Folds, c.Repeats, c.Seed);

        Assert.Equal(c.TestFolds, folds);
    }

    [Fact]
    public void TestFolds_AreStratified_AndTheSplitsPartitionTheSamples()
    {
        int[] labels = [.. Enumerable.Repeat(0, 23), .. Enumerable.Repeat(1, 40), .. Enumerable.Repeat(2, 17)];

        int[] folds = RepeatedStratifiedKFold.TestFolds(labels, 5, 1, 9)[0];

        for (int c = 0; c < 3; c++)
        {
            int[] perFold = Enumerable.Range(0, 5).Select(f => Enumerable.Range(0, labels.Length).Count(i => labels[i] == c && folds[i] == f)).ToArray();
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"class {c}: {string.Join(",", perFold)}");
        }

        TrainTestSplit split = RepeatedStratifiedKFold.Split(folds, 2);
        Assert.Equal(Enumerable.Range(0, labels.Length), split.Train.Concat(split.Test).Order());
    }

    [Fact]
    public void TestFolds_TooFewOfAClass_NamesTheOption()
    {
        var error = Assert.Throws<SaeLabException>(() => RepeatedStratifiedKFold.TestFolds([0, 0, 0, 1, 1, 1, 1, 1], 4, 1, 0));

        Assert.Contains("--cv 4", error.Message);
    }

    [Fact]
    public void Run_SummarisesEveryFold_AndIsReproducible()
    {
        var set = SyntheticActivationGenerator.Generate(new SyntheticConfig { Problems = 45, Dim = 12, TrueFeatures = 30, ActivePerVector = 4, Seed = 2 }).Set;
        var config = new ProbeConfig { Aggregation = AggregationSpec.Parse("token1@8") };
        var cv = new CrossValidationConfig { Folds = 3, Repeats = 2, Seed = 7 };

        CrossValidationResult first = CrossValidator.Run(set, config, cv);
        CrossValidationResult again = CrossValidator.Run(set, config, cv);

        Assert.Equal(6, first.FoldScores.Count);
        Assert.All(first.FoldScores, f => Assert.Equal((30, 15), (f.TrainSize, f.TestSize)));
        Assert.Equal(first.FoldScores.Average(f => f.Accuracy), first.Accuracy.Mean, 1e-12);
        Assert.Equal(first.FoldScores.Select(f => f.Accuracy), again.FoldScores.Select(f => f.Accuracy));
    }
}
