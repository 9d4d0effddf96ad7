using System.Reflection;
using SaeLab.Data;
using SaeLab.Settings;
using SaeLab.Training.Architectures;
using SaeLab.Training.Supervised;

namespace SaeLab.Experiments;

/// <summary>
/// One named SAE configuration of an experiment: its own keys and the trainer's settings; unset ones keep the trainer's defaults. With <c>split_by</c> it
/// stands for one SAE per distinct layer (or token), named <c>&lt;name&gt;@layer=8</c>. With <c>load</c> it is an
/// existing SAE, evaluated, analysed and probed like a trained one, and takes no training key.
/// </summary>
public sealed record SaeSpec : SaeSettingsSpec
{
    /// <summary>What <c>split_by</c> accepts.</summary>
    public static IReadOnlyList<string> SplitKeys { get; } = ["layer", "token"];

    /// <summary>
    /// Architectures the experiment runner can train: every one the trainer knows (<see cref="SaeArchitectures"/>;
    /// "standard" is SAELens's name for the seed's ReLU SAE).
    /// </summary>
    public static IReadOnlyList<string> TrainableArchitectures { get; } = SaeArchitectures.Names;

    /// <summary>The keys a <c>load</c> entry may have besides <c>load</c>: its name and the vectors it is evaluated and probed on.</summary>
    public static IReadOnlyList<string> LoadKeys { get; } = ["name", "layer", "token"];

    public SaeSpec()
    {
    }

    /// <summary>A spec with <paramref name="settings"/>'s shared fields (a sweep's grid point starts from its sweep).</summary>
    public SaeSpec(SaeSettingsSpec settings)
        : base(settings)
    {
    }

    /// <summary>Name used in the report and by probes' <c>source</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>
    /// An existing SAE to use instead of training one, relative to the experiment file: any path
    /// <see cref="SaeFolder.Load"/> reads (a SAELens, sparsify or dictionary_learning folder, the seed's
    /// <c>sae_weights.pt</c> or its folder).
    /// </summary>
    public string? Load { get; init; }

    /// <summary><c>layer</c> or <c>token</c>: one SAE per distinct value in the data.</summary>
    public string? SplitBy { get; init; }

    /// <summary>
    /// Train as a supervised SAE (a linear head's cross-entropy added to the loss), on the probes' training problems only:
    /// its <c>weight</c> is given here, and its labels and split are the probes' (<see cref="SupervisedConfig.SplitAs"/>).
    /// </summary>
    public SupervisedConfig? Supervised { get; init; }

    public void Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw SaeLabException.ForFile(path, "saes: every SAE needs a name");
        }

        if (Name == ProbeSpec.RawSource || Name.Contains('@', StringComparison.Ordinal))
        {
            throw SaeLabException.ForFile(path, $"saes: '{Name}' cannot be an SAE name", $"'{ProbeSpec.RawSource}' means raw activations and '@' marks split and sweep names");
        }

        string owner = $"sae '{Name}'";
        if (Load is not null)
        {
            ValidateLoad(path, owner);
            return;
        }

        if (SplitBy is not null && !SplitKeys.Contains(SplitBy))
        {
            throw SaeLabException.ForFile(path, $"{owner}: split_by '{SplitBy}' is not one of {string.Join(", ", SplitKeys)}");
        }

        if ((SplitBy == "layer" && Layer is not null) || (SplitBy == "token" && Token is not null))
        {
            throw SaeLabException.ForFile(path, $"{owner}: split_by: {SplitBy} makes one SAE per {SplitBy}, so '{SplitBy}' cannot be set too");
        }

        ValidateSettings(path, owner);
        ValidateTrainingConfig(ToTrainingConfig(), path, owner);
        if (Supervised is { } supervised)
        {
            SpecCheck.Named(path, $"{owner}: supervised", supervised.Validate, "supervised: {weight: λ} with λ a number ≥ 0, e.g. 0.1");
        }
    }

    /// <summary><see cref="Load"/> resolved against the folder of <paramref name="experimentPath"/>, as the data path is; null when training.</summary>
    public string? LoadPath(string experimentPath) => Load is null ? null : ExperimentFile.ResolvePath(experimentPath, Load);

    /// <summary>
    /// A <c>load</c> entry: no training key (the SAE is trained already, and a silently ignored setting would
    /// mislead the report) and an SAE file or folder that exists, so a typo fails before any other SAE trains.
    /// </summary>
    private void ValidateLoad(string path, string owner)
    {
        if (SetKeys().FirstOrDefault(key => !LoadKeys.Contains(key)) is { } training)
        {
            throw SaeLabException.ForFile(
                path, $"{owner}: '{training}' is a training setting and cannot be set beside 'load'", $"a loaded SAE takes only {string.Join(", ", LoadKeys)}");
        }

        string resolved = LoadPath(path)!;
        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            throw SaeLabException.ForFile(
                path, $"{owner}: load '{Load}' not found (looked for {resolved})", "a path relative to the experiment file: a SAELens, sparsify or dictionary_learning folder, or the seed's sae_weights.pt");
        }
    }

    /// <summary>
    /// The YAML keys (snake_case, as <see cref="ExperimentFile"/> reads them) this entry sets, other than <c>load</c>.
    /// Read off the settable properties rather than listed, so a training key added later is refused beside <c>load</c> too.
    /// </summary>
    private IEnumerable<string> SetKeys() =>
        GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.Name is not (nameof(Load) or nameof(Training)) && p.GetValue(this) is not null)
            .Select(p => p.Name)
            .Concat(Training.Keys)
            .Select(Setting.KeyOf);

    /// <summary>Throws unless <paramref name="architecture"/> is null or trainable.</summary>
    internal static void ValidateArchitecture(string? architecture, string path, string owner)
    {
        if (architecture is not null && !TrainableArchitectures.Contains(architecture))
        {
            throw SaeLabException.ForFile(path, $"{owner}: architecture '{architecture}' is not one of {string.Join(", ", TrainableArchitectures)}");
        }
    }

    /// <summary>
    /// The SAEs this entry stands for on <paramref name="data"/>: itself, or with <see cref="SplitBy"/> one per
    /// distinct value of that column among the vectors its other filter keeps.
    /// </summary>
    public IReadOnlyList<SaeSpec> Expand(ActivationSet data)
    {
        if (SplitBy is null)
        {
            return [this];
        }

        string column = SplitBy == "layer" ? MetadataKeys.Layers : MetadataKeys.Tokens;
        long[] values = data.Ints(column);
        long[] present = [.. Subset.Rows(data).Select(row => values[row]).Distinct().Order()];
        return [.. present.Select(v => SplitBy == "layer"
            ? this with { Name = $"{Name}@layer={v}", Layer = v, SplitBy = null }
            : this with { Name = $"{Name}@token={v}", Token = v, SplitBy = null })];
    }
}
