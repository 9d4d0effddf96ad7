using System.Text.Json.Serialization;
using SaeLab.Settings;
using SaeLab.Training.Architectures;
using SaeLab.Training.Methods;
using static SaeLab.Settings.SettingException;

namespace SaeLab.Training;

/// <summary>
/// How to train an SAE; by default the seed's ReLU SAE, whose loss is MSE(x̂, x) + <see cref="L1"/> · mean over the
/// batch of Σ_f |z_f|, minimised by Adam over shuffled mini-batches (reference_pipeline.py's <c>train</c>). Set
/// exactly one of <see cref="Features"/> and <see cref="Expansion"/>. Every other architecture trains by default in
/// the form of the toolkit its file cites (<see cref="ApplyBDecToInput"/>, <see cref="MseReduction"/>), so that its
/// coefficients mean what they mean there.
/// </summary>
public sealed record SaeTrainingConfig
{
    /// <summary>Dictionary size m (<c>--features</c>). Exactly one of this and <see cref="Expansion"/> must be set.</summary>
    [Setting("--features", "Dictionary size m (or give --expansion)", Replaces = nameof(Expansion))]
    public int? Features { get; init; }

    /// <summary>Dictionary size as a multiple of the input dimension, m = round(expansion · d) (<c>--expansion</c>).</summary>
    [Setting("--expansion", "Dictionary size as a multiple of the input dimension d (or give --features)", Replaces = nameof(Features))]
    public double? Expansion { get; init; }

    /// <summary>
    /// Weight of the sparsity penalty (<c>--l1</c>); ≥ 0: relu's l1 · mean_batch Σ_f |z_f|, jumprelu's λ · mean_batch L0,
    /// gated's λ · mean_batch Σ_f ReLU(π_gate,f)·‖W_dec,f‖. It is weighed against the reconstruction term in the units of
    /// <see cref="MseReduction"/>: per element for relu (the seed's 1e-3 and 5e-4), per vector for the others (SAELens's).
    /// </summary>
    [Setting("--l1", "Sparsity penalty weight: relu's L1 against the per-element MSE (the seed's units), jumprelu's L0 and gated's L1 against the per-vector squared error (SAELens's units)")]
    public double L1 { get; init; } = 1e-3;

    /// <summary>Passes over the training vectors (<c>--epochs</c>); ≥ 1.</summary>
    [Setting("--epochs", "Passes over the data")]
    public int Epochs { get; init; } = 25;

    /// <summary>Vectors per Adam step (<c>--batch-size</c>); ≥ 1. The last batch of an epoch keeps the remainder.</summary>
    [Setting("--batch-size", "Vectors per Adam step")]
    public int BatchSize { get; init; } = 256;

    /// <summary>Adam's learning rate (<c>--lr</c>); &gt; 0. β1 = 0.9, β2 = 0.999 and ε = 1e-8 are PyTorch's defaults.</summary>
    [Setting("--lr", "Adam learning rate")]
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// Seed of the one <see cref="Random"/> that draws the initial weights and then each epoch's shuffle
    /// (<c>--seed</c>). The same seed and thread count give bit-identical weights.
    /// </summary>
    [Setting("--seed", "Seed for the initial weights and the shuffles")]
    public int Seed { get; init; }

    /// <summary>
    /// Compute threads (<c>--threads</c>): the run's kernels and products split across this many; null keeps the
    /// calling context's (<see cref="Numerics.ComputeContext.Current"/>: every core unless a caller chose fewer); otherwise ≥ 1.
    /// </summary>
    [Setting("--threads", "Compute threads", DefaultText = "all cores")]
    public int? Threads { get; init; }

    /// <summary>
    /// Which SAE to train (<c>--arch</c>), one of <see cref="SaeArchitectures.Names"/>; "relu" (alias "standard")
    /// is the seed's. Written to cfg.json as <c>arch</c> so that it does not replace SAELens's <c>architecture</c>
    /// (a batchtopk SAE is saved as the "jumprelu" it infers as).
    /// </summary>
    [Setting("--arch", "Architecture: {choices}", Choices = nameof(ArchitectureNames))]
    [JsonPropertyName("arch")]
    public string Architecture { get; init; } = SaeArchitectures.Relu;

    /// <summary>Features kept per input by topk, batchtopk and matryoshka (<c>--k</c>); 1 ≤ k ≤ features; required by them.</summary>
    [Setting("--k", "Features kept per input (topk, batchtopk, matryoshka)")]
    public int? K { get; init; }

    /// <summary>
    /// Weight α of the AuxK loss of the TopK family (<c>--aux-k-coefficient</c>); ≥ 0; Gao et al. 2024 and dictionary_learning
    /// use 1/32 against the per-vector squared error (<see cref="MseReduction"/> "sum").
    /// </summary>
    [Setting("--aux-k-coefficient", "Weight of the normalised AuxK loss (topk family) against the per-vector squared error (dictionary_learning's units)")]
    public double AuxKCoefficient { get; init; } = 1.0 / 32;

    /// <summary>
    /// A feature is dead, and feeds the AuxK loss, once it has not fired on this many consecutive training vectors
    /// (<c>--dead-tokens</c>); ≥ 1. dictionary_learning's default is 10 000 000 tokens; the seed's 10 800 vectors × 25
    /// epochs make 270 000, so SaeLab's default is one epoch-sized window of 10 000.
    /// </summary>
    [Setting("--dead-tokens", "Vectors without firing after which a feature is dead, for AuxK and resampling")]
    public long DeadTokens { get; init; } = 10_000;

    /// <summary>JumpReLU's straight-through bandwidth ε (<c>--bandwidth</c>); &gt; 0 (Rajamanoharan et al. 2024 use 0.001).</summary>
    [Setting("--bandwidth", "JumpReLU straight-through bandwidth")]
    public double Bandwidth { get; init; } = 1e-3;

    /// <summary>JumpReLU's initial threshold θ₀ (<c>--initial-threshold</c>); &gt; 0 (SAELens's default 0.001).</summary>
    [Setting("--initial-threshold", "JumpReLU initial threshold")]
    public double InitialThreshold { get; init; } = 1e-3;

    /// <summary>
    /// Whether the encoder sees x − b_dec (<c>--apply-b-dec-to-input</c>; SAELens's <c>apply_b_dec_to_input</c>): pre =
    /// (x − b_dec)·W_enc + b_enc, so b_dec also gets the encoder's gradient and centres what the encoder sees. Null: the
    /// architecture's own form, false for relu (the seed encodes x itself) and true for every other architecture
    /// (dictionary_learning, sparsify, OpenAI's <c>train.py</c>, SAELens). Saved as cfg.json's <c>apply_b_dec_to_input</c>.
    /// </summary>
    [Setting("--apply-b-dec-to-input", "true: the encoder sees x − b_dec (SAELens, dictionary_learning, sparsify); false: x itself (the seed's)", DefaultText = "false for relu, true for the others")]
    public bool? ApplyBDecToInput { get; init; }

    /// <summary>
    /// How the squared reconstruction error is reduced (<c>--mse-reduction</c>): "sum" over the d dimensions and mean over
    /// the batch (SAELens, dictionary_learning, sparsify: the units their l1, λ and α are tuned in), or "mean" over the batch
    /// and the dimensions (PyTorch's <c>nn.MSELoss()</c>, the seed's). Null: the architecture's own, "mean" for relu and
    /// "sum" for every other. The reported reconstruction loss (<c>mse</c> in training.json) is in these units.
    /// </summary>
    [Setting("--mse-reduction", "Reconstruction term: {choices}; sum: the squared error summed over the dimensions, mean over the batch (the references' units); mean: over the dimensions too (the seed's)", Choices = nameof(MseReductions), DefaultText = "mean for relu, sum for the others")]
    public string? MseReduction { get; init; }

    /// <summary>
    /// The nested dictionary widths of matryoshka (<c>--matryoshka-widths</c>), increasing, each ≥ 1 and at most the
    /// dictionary size, which is always the last prefix (added when the list stops short of it). Null: m/16, m/8, m/4, m/2 (dictionary_learning takes
    /// <c>group_fractions</c>; these are its group sizes' running sums).
    /// </summary>
    [Setting("--matryoshka-widths", "Matryoshka's nested prefix widths, increasing, comma-separated, e.g. 128,512,1024 (the full dictionary is always the last)", DefaultText = "m/16,m/8,m/4,m/2")]
    public int[]? MatryoshkaWidths { get; init; }

    /// <summary>The training methods beyond the seed's (unit-norm decoder, schedules, clipping, normalisation, resampling); all off by default.</summary>
    [SettingGroup]
    public TrainingMethods Methods { get; init; } = new();

    /// <summary>What <see cref="MseReduction"/> accepts.</summary>
    public static IReadOnlyList<string> MseReductions { get; } = ["sum", "mean"];

    /// <summary>What <see cref="Architecture"/> accepts: <see cref="SaeArchitectures.Names"/>.</summary>
    public static IReadOnlyList<string> ArchitectureNames => SaeArchitectures.Names;

    /// <summary><see cref="ApplyBDecToInput"/>, or the architecture's own form when it is unset.</summary>
    public bool ResolveApplyBDecToInput() => ApplyBDecToInput ?? !SaeArchitectures.IsRelu(Architecture);

    /// <summary>Whether the squared error is summed over the dimensions (<see cref="MseReduction"/>, or the architecture's own).</summary>
    public bool ResolveSumsOverDimensions() => (MseReduction ?? (SaeArchitectures.IsRelu(Architecture) ? "mean" : "sum")) == "sum";

    /// <summary>
    /// The dictionary size for inputs of dimension <paramref name="dIn"/>: <see cref="Features"/>, or the expansion times
    /// d_in rounded; an expansion too small for one feature is refused rather than quietly raised to one.
    /// </summary>
    public int ResolveFeatures(int dIn)
    {
        if (Features is { } features)
        {
            return features;
        }

        double exact = Expansion!.Value * dIn;
        Require(
            Math.Round(exact) >= 1,
            $"{Named(nameof(Expansion))} {Expansion} × d_in {dIn} gives {exact:G3} features, fewer than one; give more than {0.5 / dIn:G3}, or {Named(nameof(Features))}");
        return (int)Math.Round(exact);
    }

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first invalid option and its allowed values.</summary>
    public void Validate()
    {
        Require(Features.HasValue != Expansion.HasValue, $"set exactly one of {Named(nameof(Features))} and {Named(nameof(Expansion))}");
        Require(Features is null or >= 1, $"{Named(nameof(Features))} must be a whole number ≥ 1, got {Features}");
        Require(Expansion is null || (double.IsFinite(Expansion.Value) && Expansion > 0), $"{Named(nameof(Expansion))} must be a finite number > 0, got {Expansion}");
        Require(double.IsFinite(L1) && L1 >= 0, $"{Named(nameof(L1))} must be a finite number ≥ 0, got {L1}");
        Require(Epochs >= 1, $"{Named(nameof(Epochs))} must be ≥ 1, got {Epochs}");
        Require(BatchSize >= 1, $"{Named(nameof(BatchSize))} must be ≥ 1, got {BatchSize}");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, $"{Named(nameof(LearningRate))} must be a finite number > 0, got {LearningRate}");
        Require(SaeArchitectures.Contains(Architecture), $"{Named(nameof(Architecture))} must be one of {string.Join(", ", ArchitectureNames)}, got '{Architecture}'{ClosestName.Suggestion(Architecture, ArchitectureNames)}");
        Require(K is null or >= 1, $"{Named(nameof(K))} must be ≥ 1, got {K}");
        Require(K is not null || !SaeArchitectures.NeedsK(Architecture), $"{Named(nameof(Architecture))} {Architecture} needs {Named(nameof(K))} (features kept per input)");
        Require(
            K is null || SaeArchitectures.NeedsK(Architecture),
            $"{Named(nameof(K))} applies to {SaeArchitectures.NeedingK}; {Named(nameof(Architecture))} {Architecture} sets its sparsity with {Named(nameof(L1))}");
        Require(Features is null || K is null || K <= Features, $"{Named(nameof(K))} must be ≤ {Named(nameof(Features))} ({Features}), got {K}");
        Require(double.IsFinite(AuxKCoefficient) && AuxKCoefficient >= 0, $"{Named(nameof(AuxKCoefficient))} must be a finite number ≥ 0, got {AuxKCoefficient}");
        Require(DeadTokens >= 1, $"{Named(nameof(DeadTokens))} must be ≥ 1, got {DeadTokens}");
        Require(double.IsFinite(Bandwidth) && Bandwidth > 0, $"{Named(nameof(Bandwidth))} must be a finite number > 0, got {Bandwidth}");
        Require(double.IsFinite(InitialThreshold) && InitialThreshold > 0, $"{Named(nameof(InitialThreshold))} must be a finite number > 0, got {InitialThreshold}");
        Require(MseReduction is null || MseReductions.Contains(MseReduction), $"{Named(nameof(MseReduction))} must be one of {string.Join(", ", MseReductions)}, got '{MseReduction}'{ClosestName.Suggestion(MseReduction ?? "", MseReductions)}");
        Require(MatryoshkaWidths is null || Architecture == MatryoshkaTrainingStep.Name, $"{Named(nameof(MatryoshkaWidths))} applies to {Named(nameof(Architecture))} matryoshka only, got '{Architecture}'");
        Require(
            MatryoshkaWidths is null || (MatryoshkaWidths.Length > 0 && MatryoshkaWidths[0] >= 1 && MatryoshkaWidths.Zip(MatryoshkaWidths.Skip(1)).All(pair => pair.First < pair.Second)),
            $"{Named(nameof(MatryoshkaWidths))} must be increasing whole numbers ≥ 1, got {string.Join(",", MatryoshkaWidths ?? [])}");
        Require(Features is null || MatryoshkaWidths is null || MatryoshkaWidths[^1] <= Features, $"{Named(nameof(MatryoshkaWidths))} must each be ≤ {Named(nameof(Features))} ({Features}), got {string.Join(",", MatryoshkaWidths ?? [])}");
        Require(Threads is null or >= 1, $"{Named(nameof(Threads))} must be ≥ 1, got {Threads}");
        Require(Methods is not null, "methods must not be empty");
        Methods!.Validate(Architecture);
    }
}
