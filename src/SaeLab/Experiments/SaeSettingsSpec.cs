using SaeLab.Formats;
using SaeLab.Sae;
using SaeLab.Tensors;
using SaeLab.Training;
using SaeLab.Training.Methods;

namespace SaeLab.Experiments;

/// <summary>
/// The training settings an <c>saes:</c> entry and a <c>sweep:</c> block share: optimiser, seeds and which vectors
/// to train on; unset fields keep the trainer's defaults.
/// </summary>
public abstract record SaeSettingsSpec
{
    public int? Epochs { get; init; }

    public int? BatchSize { get; init; }

    public double? LearningRate { get; init; }

    /// <summary>Weight of the TopK family's AuxK loss (<see cref="SaeTrainingConfig.AuxKCoefficient"/>).</summary>
    public double? AuxKCoefficient { get; init; }

    /// <summary>Vectors without firing after which a feature is dead, for AuxK and resampling (<see cref="SaeTrainingConfig.DeadTokens"/>).</summary>
    public long? DeadTokens { get; init; }

    /// <summary>JumpReLU's straight-through bandwidth ε (<see cref="SaeTrainingConfig.Bandwidth"/>).</summary>
    public double? Bandwidth { get; init; }

    /// <summary>JumpReLU's initial threshold θ₀ (<see cref="SaeTrainingConfig.InitialThreshold"/>).</summary>
    public double? InitialThreshold { get; init; }

    /// <summary>Whether the encoder sees x − b_dec (<see cref="SaeTrainingConfig.ApplyBDecToInput"/>); unset: the architecture's own form.</summary>
    public bool? ApplyBDecToInput { get; init; }

    /// <summary>"sum" or "mean" reconstruction units (<see cref="SaeTrainingConfig.MseReduction"/>); unset: the architecture's own.</summary>
    public string? MseReduction { get; init; }

    /// <summary>Matryoshka's nested prefix widths (<see cref="SaeTrainingConfig.MatryoshkaWidths"/>); unset: m/16, m/8, m/4, m/2.</summary>
    public int[]? MatryoshkaWidths { get; init; }

    /// <summary>Training methods beyond the seed's (unit-norm decoder, schedules, clipping, normalisation, b_dec init, resampling); unset: none.</summary>
    public TrainingMethods? Methods { get; init; }

    /// <summary>One training seed; or give <see cref="Seeds"/>.</summary>
    public int? Seed { get; init; }

    /// <summary>Several training seeds: each is trained and the report gives mean ± std over them.</summary>
    public int[]? Seeds { get; init; }

    /// <summary>Train (and evaluate, and probe) on this layer's vectors only.</summary>
    public long? Layer { get; init; }

    /// <summary>Train (and evaluate, and probe) on this token position's vectors only.</summary>
    public long? Token { get; init; }

    /// <summary>
    /// Element type of the saved <c>sae_weights.safetensors</c>: f32 (unset), f16 or bf16, rounded to nearest even.
    /// Only the file is narrowed: the run evaluates, analyses and probes the trained float32 weights.
    /// </summary>
    public string? WeightsDtype { get; init; }

    /// <summary>The dtype <see cref="WeightsDtype"/> names; <see cref="SaeSaveOptions"/>'s default when unset.</summary>
    public DType WeightsElementType() =>
        WeightsDtype is null ? SaeSaveOptions.Default.WeightsDType : FloatEncoding.Parse(WeightsDtype, "weights_dtype");

    /// <summary>The seeds to train, in order; the first is the one figures and paired comparisons use.</summary>
    public IReadOnlyList<int> SeedList() => Seeds ?? [Seed ?? new SaeTrainingConfig().Seed];

    /// <summary>The vectors this SAE sees.</summary>
    public VectorSubset Subset => new(Layer, Token);

    /// <summary>Checks the shared settings; <paramref name="owner"/> names the entry in errors (<c>sae 'x'</c>, <c>sweep</c>).</summary>
    protected void ValidateSettings(string path, string owner)
    {
        if (Seed is not null && Seeds is not null)
        {
            throw SaeLabException.ForFile(path, $"{owner}: give one of 'seed' and 'seeds', not both");
        }

        if (Seeds is { } seeds && (seeds.Length == 0 || seeds.Distinct().Count() != seeds.Length || seeds.Any(s => s < 0)))
        {
            throw SaeLabException.ForFile(path, $"{owner}: 'seeds' must list distinct whole numbers ≥ 0, e.g. seeds: [0, 1, 2]");
        }

        if (WeightsDtype is not null && !FloatEncoding.Writable.ContainsKey(WeightsDtype))
        {
            throw SaeLabException.ForFile(path, $"{owner}: weights_dtype '{WeightsDtype}' is not one of f32, f16, bf16");
        }
    }

    /// <summary>The trainer's config for one dictionary size and L1: the trainer's defaults with these settings laid over them.</summary>
    protected SaeTrainingConfig TrainingConfig(int? features, double? expansion, double? l1)
    {
        var defaults = new SaeTrainingConfig();
        return defaults with
        {
            Features = features,
            Expansion = expansion,
            L1 = l1 ?? defaults.L1,
            Epochs = Epochs ?? defaults.Epochs,
            BatchSize = BatchSize ?? defaults.BatchSize,
            LearningRate = LearningRate ?? defaults.LearningRate,
            Seed = SeedList()[0],
            Methods = Methods ?? defaults.Methods,
            AuxKCoefficient = AuxKCoefficient ?? defaults.AuxKCoefficient,
            DeadTokens = DeadTokens ?? defaults.DeadTokens,
            Bandwidth = Bandwidth ?? defaults.Bandwidth,
            InitialThreshold = InitialThreshold ?? defaults.InitialThreshold,
            ApplyBDecToInput = ApplyBDecToInput,
            MseReduction = MseReduction,
            MatryoshkaWidths = MatryoshkaWidths,
        };
    }

    /// <summary>Runs the trainer's own checks, naming <paramref name="owner"/> and the file.</summary>
    protected static void ValidateTrainingConfig(SaeTrainingConfig config, string path, string owner) =>
        SpecCheck.Named(path, owner, config.Validate);
}
