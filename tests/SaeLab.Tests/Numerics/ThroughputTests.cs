using SaeLab.Numerics;

namespace SaeLab.Tests.Numerics;

/// <summary>The measuring helpers behind <c>saelab bench</c>: they run and report sane fields (no timing assertions).</summary>
public class ThroughputTests
{
    [Fact]
    public void GemmThroughputReportsARate()
    {
        ComputeContext threeThreads = ComputeContext.Default.WithThreads(3);
        var result = GemmThroughput.Measure(threeThreads, 32, 48, 16, transposeA: true, transposeB: false, seconds: 0.01);
        Assert.True(result.GFlopsPerSecond > 0);
        Assert.True(result.Repetitions >= 1);
        Assert.Equal(threeThreads.BackendName, result.Backend);
        Assert.Equal(3, result.Threads);
    }

    [Theory]
    [InlineData(0, 4, 4, 1.0)]
    [InlineData(4, 4, 4, 0.0)]
    [InlineData(100_000, 100_000, 1, 1.0)]
    public void GemmThroughputRejectsBadShapes(int m, int n, int k, double seconds) =>
        Assert.Throws<SaeLabException>(() => GemmThroughput.Measure(ComputeContext.Current, m, n, k, false, false, seconds));

    [Fact]
    public void MemoryBandwidthReportsARate()
    {
        var result = MemoryBandwidth.Measure(ComputeContext.Current, seconds: 0.01, elements: 1 << 16);
        Assert.True(result.GBPerSecond > 0);
        Assert.Equal(3L * sizeof(float) * (1 << 16), result.BytesPerRepetition);
        Assert.Throws<SaeLabException>(() => MemoryBandwidth.Measure(ComputeContext.Current, seconds: 0));
    }
}
