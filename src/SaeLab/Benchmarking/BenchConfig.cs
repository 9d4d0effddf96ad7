using SaeLab.Settings;
using SaeLab.Synthetic;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using static SaeLab.SaeLabException;

namespace SaeLab.Benchmarking;

/// <summary>
/// What <c>saelab bench</c> measures: the seed's workloads on a generated seed-shaped set (600 problems × 3 layers ×
/// 6 tokens = 10,800 vectors of d = 2048), trained for a few epochs as the seed trains them (batch 256, Adam, lr 1e-3),
/// with the seed's ReLU SAE or another architecture.
/// </summary>
public sealed record BenchConfig
{
    /// <summary>The workloads to train, in order (<c>--workload</c>).</summary>
    public IReadOnlyList<BenchWorkload> Workloads { get; init; } = [BenchWorkload.Pilot, BenchWorkload.Refined];

    /// <summary>Problems of the generated set; vectors = problems × 3 layers × 6 tokens.</summary>
    public int Problems { get; init; } = 600;

    /// <summary>Dimension d of the generated vectors.</summary>
    public int Dim { get; init; } = 2048;

    /// <summary>Epochs per workload (<c>--epochs</c>); ≥ 1. The codes sparsify within the first epochs.</summary>
    [Setting("--epochs", "Epochs per workload", DefaultText = "4; --quick: 2")]
    public int Epochs { get; init; } = 4;

    /// <summary>Vectors per Adam step; ≥ 1.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Seconds per measurement of each machine rate (sgemm, memory bandwidth; the best of three counts); &gt; 0.</summary>
    public double MeasureSeconds { get; init; } = 1.0;

    /// <summary>Compute threads (<c>--threads</c>); null uses every core; otherwise ≥ 1.</summary>
    [Setting("--threads", "Compute threads", DefaultText = "all cores")]
    public int? Threads { get; init; }

    /// <summary>The architecture every workload trains (<c>--arch</c>; <see cref="SaeArchitectures.Names"/>).</summary>
    [Setting("--arch", "Architecture every workload trains: {choices}", Choices = nameof(ArchitectureNames))]
    public string Architecture { get; init; } = SaeArchitectures.Relu;

    /// <summary>Features kept per input for the TopK family (<c>--k</c>); required by them.</summary>
    [Setting("--k", "Features kept per input (topk, batchtopk, matryoshka)")]
    public int? K { get; init; }

    /// <summary>The sparsity coefficient of every workload (<c>--l1</c>); null keeps each workload's own (the seed's).</summary>
    [Setting("--l1", "Sparsity coefficient of every workload", DefaultText = "each workload's seed value")]
    public double? L1 { get; init; }

    /// <summary>The architectures <see cref="Architecture"/> may name.</summary>
    public static IReadOnlyList<string> ArchitectureNames => SaeArchitectures.Names;

    /// <summary>A small run for a quick look (<c>--quick</c>): 1,800 vectors of d = 512, dictionaries 4× smaller, 2 epochs (as <see cref="Epochs"/>'s help says).</summary>
    public static BenchConfig Quick { get; } = new()
    {
        Workloads = [BenchWorkload.Pilot with { Features = 2048 }, BenchWorkload.Refined with { Features = 512 }],
        Problems = 100,
        Dim = 512,
        Epochs = 2,
        MeasureSeconds = 0.3,
    };

    /// <summary>The generator settings of the benchmark's data.</summary>
    public SyntheticConfig Data => new() { Problems = Problems, Dim = Dim, TrueFeatures = 2 * Dim };

    /// <summary>How <paramref name="workload"/> is trained.</summary>
    public SaeTrainingConfig TrainingFor(BenchWorkload workload) => new()
    {
        Architecture = Architecture,
        K = K,
        Features = workload.Features,
        L1 = L1 ?? workload.L1,
        Epochs = Epochs,
        BatchSize = BatchSize,
        Threads = Threads,
    };

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first invalid setting and its allowed values.</summary>
    public void Validate()
    {
        Require(Workloads.Count > 0, "--workload must name at least one workload (pilot, refined)");
        Require(Workloads.All(w => w.Features >= 1 && double.IsFinite(w.L1) && w.L1 >= 0), "every workload needs features ≥ 1 and a finite l1 ≥ 0");
        Require(Problems >= 3, $"problems must be ≥ 3, got {Problems}");
        Require(Dim >= 1, $"dim must be ≥ 1, got {Dim}");
        Require(Epochs >= 1, $"--epochs must be ≥ 1, got {Epochs}");
        Require(BatchSize >= 1, $"batch size must be ≥ 1, got {BatchSize}");
        Require(double.IsFinite(MeasureSeconds) && MeasureSeconds > 0, $"measure seconds must be a finite number > 0, got {MeasureSeconds}");
        Require(Threads is null or >= 1, $"--threads must be ≥ 1, got {Threads}");
        foreach (BenchWorkload workload in Workloads)
        {
            TrainingFor(workload).Validate();
        }
    }
}
