using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Training.Streaming;

namespace SaeLab.Training.Architectures;

/// <summary>The penalty an architecture's loss weighs by <see cref="SaeTrainingConfig.L1"/>.</summary>
public enum SparsityPenalty
{
    /// <summary>No penalty: sparsity is set by <see cref="SaeTrainingConfig.K"/>.</summary>
    None,

    /// <summary>An L1 of the codes (relu), or of the gate's pre-activations weighted by decoder norms (gated).</summary>
    L1,

    /// <summary>JumpReLU's L0, through its straight-through threshold gradient.</summary>
    L0,
}

/// <summary>
/// Everything SaeLab knows about one architecture, in one place: the name <c>--arch</c> and experiment files take (and
/// its aliases), the architecture its trained SAE is saved as and how an SAE folder of that architecture loads, whether
/// it needs <see cref="SaeTrainingConfig.K"/>, its sparsity penalty, and how a fresh model with its step is created.
/// </summary>
/// <param name="Name">The training name (<c>--arch</c>).</param>
/// <param name="SavedAs">
/// The SAELens <c>architecture</c> its cfg.json carries: batchtopk and matryoshka infer with their learned threshold, so
/// they are saved as jumprelu.
/// </param>
/// <param name="Load">Builds the SAE of <paramref name="SavedAs"/> from a folder's config and tensors.</param>
/// <param name="NeedsK">Whether its codes keep k features per input.</param>
/// <param name="Penalty">What <see cref="SaeTrainingConfig.L1"/> weighs.</param>
/// <param name="CreateStep">A fresh model from the config, on the compute context, with d_in, d_sae, the batch capacity and the run's seeded random, with its step.</param>
public sealed record SaeArchitecture(
    string Name, string SavedAs, Func<SaeWeights, DictionarySae> Load, bool NeedsK, SparsityPenalty Penalty,
    Func<SaeTrainingConfig, ComputeContext, int, int, int, Random, ISaeTrainingStep> CreateStep)
{
    /// <summary>Other names <c>--arch</c> accepts for it (relu's "standard", its SAELens name).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// Whether it is the seed's ReLU SAE: the one engine with the seed's defaults (uncentred encoder input, mean squared
    /// error) and the method only its step implements (<c>--l1-decoder-norm</c>).
    /// </summary>
    public bool IsSeedRelu { get; init; }

    /// <summary>
    /// Floats its step allocates per vector of batch capacity, from the config, d_in and d_sae: what a streaming run's
    /// <see cref="StreamingMemoryPlan"/> budgets for the batch buffers. By default the dictionary engine's (inputs,
    /// centred inputs, errors and their gradients; pre-activations, codes, their gradients and magnitudes) plus the most
    /// an architecture adds to it (AuxK's or the gate's codes, gradients and errors).
    /// </summary>
    public Func<SaeTrainingConfig, int, int, long> BatchFloatsPerVector { get; init; } = DictionaryEngineBatchFloats;

    /// <summary>The dictionary engine's batch buffers per vector, with room for AuxK's or the gate's (see <see cref="BatchFloatsPerVector"/>).</summary>
    public static long DictionaryEngineBatchFloats(SaeTrainingConfig config, int dIn, int dSae) => (5L * dIn) + (7L * dSae);

    /// <summary>Whether <paramref name="name"/> is this architecture's name or one of its aliases.</summary>
    public bool Answers(string name) => name == Name || Aliases.Contains(name);
}
