using SaeLab.Formats;
using SaeLab.Sae;
using SaeLab.Settings;
using SaeLab.Training;
using YamlDotNet.Serialization;

namespace SaeLab.Experiments;

/// <summary>
/// The training settings an <c>saes:</c> entry and a <c>sweep:</c> block share: optimiser, seeds and which vectors
/// to train on, and the trainer's settings; unset ones keep the trainer's defaults.
/// </summary>
public abstract record SaeSettingsSpec
{
    /// <summary>
    /// The trainer's settings the entry gives, by <see cref="SaeTrainingConfig"/> property name: its declared settings
    /// (<see cref="SettingTable{T}"/>) under their own keys (<c>batch_size: 128</c>) and the training methods under
    /// <c>methods:</c>. The reader fills it (<see cref="SaeSettingsReader"/>); unset settings keep the trainer's defaults.
    /// </summary>
    [YamlIgnore]
    public IReadOnlyDictionary<string, object?> Training { get; init; } = new Dictionary<string, object?>();

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

    /// <summary>The model the activations came from, written to cfg.json as SAELens's <c>model_name</c>.</summary>
    public string? ModelName { get; init; }

    /// <summary>Where in the model they were read, written to cfg.json as SAELens's <c>hook_name</c>.</summary>
    public string? HookName { get; init; }

    /// <summary>How the trained SAE is saved: <see cref="WeightsDtype"/> (<see cref="SaeSaveOptions"/>'s default when unset), model and hook names.</summary>
    public SaeSaveOptions SaveOptions() => SaeSaveOptions.Default with
    {
        WeightsDType = WeightsDtype is null ? SaeSaveOptions.Default.WeightsDType : FloatEncoding.Parse(WeightsDtype, "weights_dtype"),
        ModelName = ModelName,
        HookName = HookName,
    };

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

    /// <summary>The trainer's config (first seed): the trainer's defaults with <see cref="Training"/> laid over them.</summary>
    public SaeTrainingConfig ToTrainingConfig() =>
        SettingTable<SaeTrainingConfig>.With(new SaeTrainingConfig(), Training) with { Seed = SeedList()[0] };

    /// <summary>These settings with <paramref name="values"/> added to <see cref="Training"/> (a sweep's grid point).</summary>
    protected IReadOnlyDictionary<string, object?> TrainingWith(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var training = new Dictionary<string, object?>(Training);
        foreach (var (name, value) in values)
        {
            training[name] = value;
        }

        return training;
    }

    /// <summary>Runs the trainer's own checks, naming <paramref name="owner"/> and the file, and each setting by its key.</summary>
    protected static void ValidateTrainingConfig(SaeTrainingConfig config, string path, string owner) =>
        SpecCheck.Named(path, owner, config.Validate);
}
