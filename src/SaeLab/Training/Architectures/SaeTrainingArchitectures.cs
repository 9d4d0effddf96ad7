using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Settings;

namespace SaeLab.Training.Architectures;

/// <summary>
/// The one table of the architectures SaeLab can train (<c>--arch</c>): one <see cref="SaeArchitecture"/> each, with
/// its names, saved-as architecture, k, penalty and step factory. A new architecture is one entry here; the CLI's
/// choices, the experiment files' validation and the tests' architecture lists all read this table.
/// </summary>
public static class SaeTrainingArchitectures
{
    public const string Relu = "relu";

    /// <summary>Every trainable architecture, in the order help and tests list them.</summary>
    public static IReadOnlyList<SaeArchitecture> All { get; } =
    [
        new(Relu, ReluSae.ArchitectureName, NeedsK: false, SparsityPenalty.L1, ReluSaeTrainingStep.Create)
        {
            Aliases = [ReluSae.ArchitectureName],
            IsSeedRelu = true,
            BatchFloatsPerVector = (_, dIn, dSae) => (2L * dIn) + (2L * dSae),
        },
        new(TopKTrainingStep.Name, TopKSae.ArchitectureName, NeedsK: true, SparsityPenalty.None, (config, compute, dIn, dSae, batch, random) => new TopKTrainingStep(config, compute, dIn, dSae, batch, random)),
        new(BatchTopKTrainingStep.Name, JumpReluSae.ArchitectureName, NeedsK: true, SparsityPenalty.None, (config, compute, dIn, dSae, batch, random) => new BatchTopKTrainingStep(config, compute, dIn, dSae, batch, random)),
        new(JumpReluTrainingStep.Name, JumpReluSae.ArchitectureName, NeedsK: false, SparsityPenalty.L0, (config, compute, dIn, dSae, batch, random) => new JumpReluTrainingStep(config, compute, dIn, dSae, batch, random)),
        new(GatedTrainingStep.Name, GatedSae.ArchitectureName, NeedsK: false, SparsityPenalty.L1, (config, compute, dIn, dSae, batch, random) => new GatedTrainingStep(config, compute, dIn, dSae, batch, random)),
        new(MatryoshkaTrainingStep.Name, JumpReluSae.ArchitectureName, NeedsK: true, SparsityPenalty.None, (config, compute, dIn, dSae, batch, random) => new MatryoshkaTrainingStep(config, compute, dIn, dSae, batch, random))
        {
            // One reconstruction gradient per nested prefix.
            BatchFloatsPerVector = (config, dIn, dSae) =>
                SaeArchitecture.DictionaryEngineBatchFloats(config, dIn, dSae) + ((long)dIn * MatryoshkaTrainingStep.PrefixSizesFor(dSae, config.MatryoshkaWidths).Count),
        },
    ];

    /// <summary>Every name <c>--arch</c> accepts (each architecture's name, then its aliases), in table order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.SelectMany(a => a.Aliases.Prepend(a.Name))];

    /// <summary>The architecture <paramref name="name"/> names; an unknown name is a user error listing the known ones.</summary>
    public static SaeArchitecture Find(string name) =>
        All.FirstOrDefault(a => a.Answers(name))
        ?? throw new SaeLabException($"--arch must be one of {string.Join(", ", Names)}, got '{name}'{ClosestName.Suggestion(name, Names)}");

    /// <summary>Whether <paramref name="name"/> is a trainable architecture.</summary>
    public static bool Contains(string name) => All.Any(a => a.Answers(name));

    /// <summary>Whether <paramref name="architecture"/> needs <see cref="SaeTrainingConfig.K"/>.</summary>
    public static bool NeedsK(string architecture) => Find(architecture).NeedsK;

    /// <summary>Whether <paramref name="architecture"/> has a sparsity penalty weighted by <see cref="SaeTrainingConfig.L1"/>.</summary>
    public static bool HasSparsityPenalty(string architecture) => Find(architecture).Penalty != SparsityPenalty.None;

    /// <summary>Whether <paramref name="architecture"/> is the seed's ReLU SAE (under either of its names).</summary>
    public static bool IsRelu(string architecture) => Find(architecture).IsSeedRelu;

    /// <summary>
    /// A fresh <paramref name="dIn"/> → <paramref name="dSae"/> model of <see cref="SaeTrainingConfig.Architecture"/>,
    /// initialised from <paramref name="random"/>, with its step for batches of up to <paramref name="batchCapacity"/> vectors,
    /// on the current context with the config's <see cref="SaeTrainingConfig.Threads"/>.
    /// </summary>
    public static ISaeTrainingStep Create(SaeTrainingConfig config, int dIn, int dSae, int batchCapacity, Random random)
    {
        config.Validate();
        if (config.K > dSae)
        {
            throw new SaeLabException($"--k must be ≤ the dictionary size ({dSae}), got {config.K}");
        }

        return Find(config.Architecture).CreateStep(config, ComputeContext.Current.WithThreads(config.Threads), dIn, dSae, batchCapacity, random);
    }
}
