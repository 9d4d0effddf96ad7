using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Settings;

namespace SaeLab.Training.Architectures;

/// <summary>
/// The one table of SaeLab's SAE architectures: one <see cref="SaeArchitecture"/> each, with its names, saved-as
/// architecture and loader, k, penalty and step factory. A new architecture is one entry here; <c>--arch</c>'s choices,
/// the experiment files' validation, loading an SAE folder by its cfg.json's <c>architecture</c>
/// (<see cref="Load"/>) and the tests' architecture lists all read this table.
/// </summary>
public static class SaeArchitectures
{
    public const string Relu = "relu";

    /// <summary>Every trainable architecture, in the order help and tests list them.</summary>
    public static IReadOnlyList<SaeArchitecture> All { get; } =
    [
        new(Relu, ReluSae.ArchitectureName, ReluSae.FromWeights, NeedsK: false, SparsityPenalty.L1, ReluSaeTrainingStep.Create)
        {
            Aliases = [ReluSae.ArchitectureName],
            IsSeedRelu = true,
            BatchFloatsPerVector = (_, dIn, dSae) => (2L * dIn) + (2L * dSae),
        },
        new(TopKTrainingStep.Name, TopKSae.ArchitectureName, TopKSae.FromWeights, NeedsK: true, SparsityPenalty.None, (config, compute, dIn, dSae, batch, random) => new TopKTrainingStep(config, compute, dIn, dSae, batch, random)),
        new(BatchTopKTrainingStep.Name, JumpReluSae.ArchitectureName, JumpReluSae.FromWeights, NeedsK: true, SparsityPenalty.None, (config, compute, dIn, dSae, batch, random) => new BatchTopKTrainingStep(config, compute, dIn, dSae, batch, random)),
        new(JumpReluTrainingStep.Name, JumpReluSae.ArchitectureName, JumpReluSae.FromWeights, NeedsK: false, SparsityPenalty.L0, (config, compute, dIn, dSae, batch, random) => new JumpReluTrainingStep(config, compute, dIn, dSae, batch, random)),
        new(GatedTrainingStep.Name, GatedSae.ArchitectureName, GatedSae.FromWeights, NeedsK: false, SparsityPenalty.L1, (config, compute, dIn, dSae, batch, random) => new GatedTrainingStep(config, compute, dIn, dSae, batch, random)),
        new(MatryoshkaTrainingStep.Name, JumpReluSae.ArchitectureName, JumpReluSae.FromWeights, NeedsK: true, SparsityPenalty.None, (config, compute, dIn, dSae, batch, random) => new MatryoshkaTrainingStep(config, compute, dIn, dSae, batch, random))
        {
            // One reconstruction gradient per nested prefix.
            BatchFloatsPerVector = (config, dIn, dSae) =>
                SaeArchitecture.DictionaryEngineBatchFloats(config, dIn, dSae) + ((long)dIn * MatryoshkaTrainingStep.PrefixSizesFor(dSae, config.MatryoshkaWidths).Count),
        },
    ];

    /// <summary>Every name <c>--arch</c> accepts (each architecture's name, then its aliases), in table order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.SelectMany(a => a.Aliases.Prepend(a.Name))];

    /// <summary>The architectures whose codes keep k features per input, as a sentence names them: "topk, batchtopk and matryoshka".</summary>
    public static string NeedingK { get; } = Sentence([.. All.Where(a => a.NeedsK).Select(a => a.Name)]);

    /// <summary>Every architecture an SAE folder's cfg.json may name (the entries' saved-as names, each once), in table order.</summary>
    public static IReadOnlyList<string> SavedNames { get; } = [.. All.Select(a => a.SavedAs).Distinct()];

    /// <summary>Builds the SAE <paramref name="weights"/> describe, by its cfg.json's <c>architecture</c>; an unknown one is a user error naming the known ones.</summary>
    public static DictionarySae Load(SaeWeights weights) =>
        All.FirstOrDefault(a => a.SavedAs == weights.Config.Architecture) is { } architecture
            ? architecture.Load(weights)
            : throw SaeLabException.ForFile(
                weights.ConfigPath,
                $"unknown architecture '{weights.Config.Architecture}'",
                $"supported: {string.Join(", ", SavedNames)}");

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

    // "a, b and c".
    private static string Sentence(IReadOnlyList<string> names) =>
        names.Count < 2 ? string.Join("", names) : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";
}
