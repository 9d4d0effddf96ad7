using BenchmarkDotNet.Attributes;
using SaeLab.Training;
using SaeLab.Training.Kernels;

namespace SaeLab.Benchmarks;

/// <summary>
/// One training step (batch 256, d = 2048) on each path at a settled density (L0 ≈ 23, the seed's) and an early
/// one (a quarter of the codes active): <c>dotnet run -c Release --project bench/SaeLab.Benchmarks -- --filter *TrainingStepBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private TrainingStepOperands _operands = null!;

    [Params(2048, 8192)]
    public int Features { get; set; }

    [Params(0.0028, 0.25)]
    public double Density { get; set; }

    [Params(TrainingPath.Dense, TrainingPath.Sparse)]
    public TrainingPath Path { get; set; }

    [GlobalSetup]
    public void Setup() => _operands = new TrainingStepOperands(Features, Density, Path);

    [Benchmark]
    public BatchLoss Step() => _operands.RunStep();
}
