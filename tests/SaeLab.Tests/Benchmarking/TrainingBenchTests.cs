using SaeLab.Benchmarking;
using SaeLab.Reports;
using SaeLab.Settings;

namespace SaeLab.Tests.Benchmarking;

/// <summary>The benchmark's bookkeeping on a tiny run; its timings are never asserted.</summary>
public sealed class TrainingBenchTests
{
    // 108 vectors of d = 16 in batches of 32 (4 steps an epoch), 24 features.
    private static readonly BenchConfig Tiny = new()
    {
        Workloads = [new BenchWorkload("tiny", 24, 1e-3)],
        Problems = 6,
        Dim = 16,
        Epochs = 2,
        BatchSize = 32,
        MeasureSeconds = 0.001,
    };

    [Fact]
    public void EpochFloor_AddsTheEncoderTheAdamPassAndTheSparseProducts()
    {
        // 512 vectors in batches of 256 (2 steps), d = 4, m = 8: 2·512·4·8 flops at 1 GFLOP/s, 2 · 28 · (64 + 12)
        // bytes at 1 GB/s, 8 · 512 · 2 · 4 flops at 1 GFLOP/s.
        EpochFloor floor = EpochFloor.For(vectors: 512, batchSize: 256, dIn: 4, dSae: 8, l0: 2, sgemmGflops: 1, bandwidthGBPerSecond: 1);

        Assert.Equal(32768e-9, floor.EncoderSeconds, 1e-15);
        Assert.Equal(4256e-9, floor.AdamSeconds, 1e-15);
        Assert.Equal(32768e-9, floor.SparseSeconds, 1e-15);
        Assert.Equal(floor.EncoderSeconds + floor.AdamSeconds + floor.SparseSeconds, floor.Seconds);
    }

    [Fact]
    public void Run_ReportsEveryWorkloadAndEpoch()
    {
        var lines = new List<string>();

        BenchReport report = TrainingBench.Run(Tiny, new Lines(lines));

        WorkloadResult result = Assert.Single(report.Workloads);
        Assert.Equal(6 * 3 * 6, result.Vectors);
        Assert.Equal([1, 2], result.Epochs.Select(e => e.Epoch));
        Assert.All(result.Epochs, e => Assert.Equal(4, e.Steps));
        Assert.InRange(result.SteadyEpoch, 1, 2);
        Assert.True(result.Floor.Seconds > 0 && result.FloorRatio > 0);
        Assert.Contains(lines, line => line.StartsWith("tiny: epoch 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_TrainsTheChosenArchitecture()
    {
        BenchReport report = TrainingBench.Run(Tiny with { Epochs = 1, Architecture = "topk", K = 3 });

        Assert.Equal("topk", report.Architecture);
        Assert.Equal(3.0, Assert.Single(report.Workloads).Epochs[0].L0, 1e-9);
    }

    [Fact]
    public void Validate_RefusesATopKArchitectureWithoutK() =>
        Assert.Contains("--k", Assert.Throws<SettingException>(() => new BenchConfig { Architecture = "topk" }.Validate()).Message);

    [Fact]
    public void AJob_WritesItsReportAsJson_AndTheTableHasARowPerWorkload()
    {
        string json = Path.Combine(Path.GetTempPath(), $"saelab-bench-{Guid.NewGuid():N}.json");
        try
        {
            BenchReport report = new BenchJob { Config = Tiny with { Epochs = 1 }, Out = json }.Run();

            Assert.Contains("\"workloads\"", File.ReadAllText(json));
            Assert.Single(BenchTable.Text(report).Split('\n'), line => line.StartsWith("tiny ", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public void AJobWithNoWorkload_IsRefused() =>
        Assert.Contains("--workload must name at least one workload", Assert.Throws<SaeLabException>(() => new BenchJob { Config = Tiny with { Workloads = [] } }.Run()).Message);

    [Fact]
    public void Validate_NamesTheOption() =>
        Assert.Contains("--epochs", Assert.Throws<SaeLabException>(() => new BenchConfig { Epochs = 0 }.Validate()).Message);

    private sealed class Lines(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
