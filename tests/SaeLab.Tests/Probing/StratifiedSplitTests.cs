using SaeLab.Data;

namespace SaeLab.Tests.Probing;

public sealed class StratifiedSplitTests
{
    public static TheoryData<int> Cases => new(Enumerable.Range(0, ProbeFixtures.Read<ProbeFixtures.SplitCase[]>("stratified_split.json").Length));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_IsScikitLearnsTrainTestSplit(int index)
    {
        var c = ProbeFixtures.Read<ProbeFixtures.SplitCase[]>("stratified_split.json")[index];
        string[] classes = c.Y.Distinct().Order(StringComparer.Ordinal).ToArray();
        int[] labels = c.Y.Select(v => Array.IndexOf(classes, v)).ToArray();

        TrainTestSplit split = StratifiedSplit.Split(labels, classes.Length, c.TestSize, c.Seed);

        Assert.Equal(c.Train, split.Train);
        Assert.Equal(c.Test, split.Test);
    }

    [Fact]
    public void RandomState_MatchesNumpyFirstDraws()
    {
        // np.random.RandomState(42).randint(0, 2**32, dtype=np.uint64) draws raw 32-bit words; the first of
        // RandomState(5489) is MT19937's reference value 3499211612 (Matsumoto & Nishimura 1998).
        Assert.Equal(3499211612u, new NumpyRandomState(5489).NextUInt32());
    }

    [Fact]
    public void Split_RejectsASingletonClass()
    {
        var e = Assert.Throws<SaeLabException>(() => StratifiedSplit.Split([0, 0, 0, 1], 2, 0.25, 42));
        Assert.Contains("at least 2", e.Message);
    }
}
