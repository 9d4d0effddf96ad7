using SaeLab.Data;
using SaeLab.Probing.Sparse;

namespace SaeLab.Tests.Probing;

public sealed class BalancedBinaryTasksTests
{
    [Fact]
    public void Build_EqualClasses_TakesEveryPositiveAndHalfAsManyFromEachOtherClass()
    {
        // Train pool: 4 of each of a, b, c; test pool: 2 of each. ⌈4/2⌉ = 2 from each other class gives exactly 4.
        (EncodedLabels labels, TrainTestSplit split) = Pools(train: [4, 4, 4], test: [2, 2, 2]);

        BinaryProbeTask[] tasks = BalancedBinaryTasks.Build(labels, split, seed: 0);

        Assert.Equal(["a", "b", "c"], tasks.Select(t => t.Positive));
        AssertEvenTasks(tasks, labels, split, trainPositives: 4, testPositives: 2);
    }

    [Fact]
    public void Build_WhenTheEvenShareOvershoots_KeepsExactlyOneNegativePerPositive()
    {
        // Class a has 5 training positives: ⌈5/2⌉ = 3 from b and from c is 6 candidates, trimmed at random to 5.
        (EncodedLabels labels, TrainTestSplit split) = Pools(train: [5, 4, 4], test: [2, 2, 2]);

        BinaryProbeTask a = BalancedBinaryTasks.Build(labels, split, seed: 3)[0];

        Assert.Equal(5, a.TrainPositives);
        Assert.Equal(5, a.TrainNegatives.Values.Sum());
        Assert.All(a.TrainNegatives.Values, n => Assert.InRange(n, 2, 3));
        AssertDrawnFrom(a, labels, split);
    }

    [Fact]
    public void Build_FourClasses_DrawsAThirdFromEachOtherClass()
    {
        (EncodedLabels labels, TrainTestSplit split) = Pools(train: [3, 5, 5, 5], test: [1, 1, 1, 1]);

        BinaryProbeTask a = BalancedBinaryTasks.Build(labels, split, seed: 0)[0];

        Assert.Equal(new Dictionary<string, int> { ["b"] = 1, ["c"] = 1, ["d"] = 1 }, a.TrainNegatives);
    }

    [Fact]
    public void Build_TheSeedsThreeTimesTwoHundredProblems_GivesTasksOf320And80()
    {
        // 600 problems, 200 per operation type, split 80/20 stratified with random_state 42 as the probes split them:
        // 160 training and 40 test problems per class, so each task is 160 + 80 + 80 and 40 + 20 + 20.
        string[] classes = ["mixed", "pure_addition", "pure_multiplication"];
        var labels = new EncodedLabels(classes, [.. Enumerable.Range(0, 600).Select(i => i % 3)]);
        TrainTestSplit split = StratifiedSplit.Split(labels.Y, 3, 0.2, 42);

        BinaryProbeTask[] tasks = BalancedBinaryTasks.Build(labels, split, seed: 0);

        AssertEvenTasks(tasks, labels, split, trainPositives: 160, testPositives: 40);
        Assert.Equal((320, 80), (tasks[0].Train.Length, tasks[0].Test.Length));
    }

    [Fact]
    public void Build_TooFewNegatives_IsAClearError()
    {
        // 6 positives of a, but b and c have 2 training problems each: 4 negatives at most.
        (EncodedLabels labels, TrainTestSplit split) = Pools(train: [6, 2, 2], test: [1, 1, 1]);

        var error = Assert.Throws<SaeLabException>(() => BalancedBinaryTasks.Build(labels, split, seed: 0));

        Assert.Contains("class 'a' has 6 training problems", error.Message);
        Assert.Contains("--k-sparse-protocol multiclass", error.Message);
    }

    [Fact]
    public void Build_IsSeeded()
    {
        (EncodedLabels labels, TrainTestSplit split) = Pools(train: [5, 9, 9], test: [2, 2, 2]);

        int[] first = BalancedBinaryTasks.Build(labels, split, seed: 7)[0].Train;

        Assert.Equal(first, BalancedBinaryTasks.Build(labels, split, seed: 7)[0].Train);
        Assert.NotEqual(first, BalancedBinaryTasks.Build(labels, split, seed: 8)[0].Train);
    }

    /// <summary>Classes a, b, c, … with the given train and test counts; samples numbered train pool first.</summary>
    private static (EncodedLabels Labels, TrainTestSplit Split) Pools(int[] train, int[] test)
    {
        string[] classes = [.. train.Select((_, c) => ((char)('a' + c)).ToString())];
        int[] y = [.. train.SelectMany((n, c) => Enumerable.Repeat(c, n)), .. test.SelectMany((n, c) => Enumerable.Repeat(c, n))];
        int trainCount = train.Sum();
        return (new EncodedLabels(classes, y), new TrainTestSplit([.. Enumerable.Range(0, trainCount)], [.. Enumerable.Range(trainCount, y.Length - trainCount)]));
    }

    /// <summary>Three classes: every task has the given positives and half as many negatives from each other class.</summary>
    private static void AssertEvenTasks(BinaryProbeTask[] tasks, EncodedLabels labels, TrainTestSplit split, int trainPositives, int testPositives)
    {
        foreach (BinaryProbeTask task in tasks)
        {
            Assert.Equal((2 * trainPositives, trainPositives), (task.Train.Length, task.TrainPositives));
            Assert.Equal((2 * testPositives, testPositives), (task.Test.Length, task.TestPositives));
            Assert.All(task.TrainNegatives.Values, n => Assert.Equal(trainPositives / 2, n));
            Assert.All(task.TestNegatives.Values, n => Assert.Equal(testPositives / 2, n));
            AssertDrawnFrom(task, labels, split);
        }
    }

    /// <summary>Every positive of the class in each pool, negatives of other classes from the same pool only, no repeats.</summary>
    private static void AssertDrawnFrom(BinaryProbeTask task, EncodedLabels labels, TrainTestSplit split)
    {
        int c = Array.IndexOf(labels.Classes, task.Positive);
        foreach ((int[] part, int[] pool) in new[] { (task.Train, split.Train), (task.Test, split.Test) })
        {
            Assert.Equal(part.Length, part.Distinct().Count());
            Assert.All(part, i => Assert.Contains(i, pool));
            Assert.Equal(pool.Where(i => labels.Y[i] == c).Order(), part.Where(i => labels.Y[i] == c).Order());
            Assert.Equal(part.Length / 2, part.Count(i => labels.Y[i] != c));
        }
    }
}
