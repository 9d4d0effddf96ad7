using SaeLab.Sae;

namespace SaeLab.Training.Architectures;

/// <summary>
/// The architectures SaeLab can train (<c>--arch</c>), each a factory from the training config, the input and
/// dictionary sizes, the batch capacity and the run's seeded <see cref="Random"/> to a fresh model with its step.
/// A new architecture registers here with one line.
/// </summary>
public static class SaeTrainingArchitectures
{
    public const string Relu = "relu";

    private static readonly Dictionary<string, Func<SaeTrainingConfig, int, int, int, Random, ISaeTrainingStep>> Factories = new(StringComparer.Ordinal)
    {
        [Relu] = (config, dIn, dSae, batch, random) => new ReluTrainingStepAdapter(config, dIn, dSae, batch, random),
        [ReluSae.ArchitectureName] = (config, dIn, dSae, batch, random) => new ReluTrainingStepAdapter(config, dIn, dSae, batch, random),
        [TopKTrainingStep.Name] = (config, dIn, dSae, batch, random) => new TopKTrainingStep(config, dIn, dSae, batch, random),
        [BatchTopKTrainingStep.Name] = (config, dIn, dSae, batch, random) => new BatchTopKTrainingStep(config, dIn, dSae, batch, random),
        [JumpReluTrainingStep.Name] = (config, dIn, dSae, batch, random) => new JumpReluTrainingStep(config, dIn, dSae, batch, random),
        [GatedTrainingStep.Name] = (config, dIn, dSae, batch, random) => new GatedTrainingStep(config, dIn, dSae, batch, random),
        [MatryoshkaTrainingStep.Name] = (config, dIn, dSae, batch, random) => new MatryoshkaTrainingStep(config, dIn, dSae, batch, random),
    };

    /// <summary>Architectures whose codes keep k features per input and so need <see cref="SaeTrainingConfig.K"/>.</summary>
    private static readonly HashSet<string> WithK = [TopKTrainingStep.Name, BatchTopKTrainingStep.Name, MatryoshkaTrainingStep.Name];

    /// <summary>Architectures whose loss weighs a sparsity penalty by <see cref="SaeTrainingConfig.L1"/> (an L1, or JumpReLU's L0).</summary>
    private static readonly HashSet<string> WithSparsityPenalty = [Relu, ReluSae.ArchitectureName, JumpReluTrainingStep.Name, GatedTrainingStep.Name];

    /// <summary>The registered names, in registration order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys];

    /// <summary>Whether <paramref name="architecture"/> needs <see cref="SaeTrainingConfig.K"/>.</summary>
    public static bool NeedsK(string architecture) => WithK.Contains(architecture);

    /// <summary>Whether <paramref name="architecture"/> has a sparsity penalty weighted by <see cref="SaeTrainingConfig.L1"/>.</summary>
    public static bool HasSparsityPenalty(string architecture) => WithSparsityPenalty.Contains(architecture);

    /// <summary>Whether <paramref name="architecture"/> is the seed's ReLU SAE (under either of its names).</summary>
    public static bool IsRelu(string architecture) => architecture is Relu or ReluSae.ArchitectureName;

    /// <summary>
    /// A fresh <paramref name="dIn"/> → <paramref name="dSae"/> model of <see cref="SaeTrainingConfig.Architecture"/>,
    /// initialised from <paramref name="random"/>, with its step for batches of up to <paramref name="batchCapacity"/> vectors.
    /// </summary>
    public static ISaeTrainingStep Create(SaeTrainingConfig config, int dIn, int dSae, int batchCapacity, Random random)
    {
        config.Validate();
        if (config.K > dSae)
        {
            throw new SaeLabException($"--k must be ≤ the dictionary size ({dSae}), got {config.K}");
        }

        return Factories[config.Architecture](config, dIn, dSae, batchCapacity, random);
    }
}
