using System.Globalization;
using SaeLab.Training;
using SaeLab.Training.Architectures;

namespace SaeLab.Experiments;

/// <summary>
/// A grid of SAE configurations run as one job: every combination of <see cref="Architecture"/>, dictionary size
/// (<see cref="Features"/> or <see cref="Expansion"/>) and sparsity setting (<see cref="L1"/>, or <see cref="K"/> for
/// the TopK family, whose sparsity is set by k rather than a penalty) is trained (each seed), evaluated and
/// probed, and the report draws the sparsity / reconstruction and sparsity / accuracy trade-offs with their Pareto
/// frontiers. The other fields are those of an <c>saes:</c> entry and apply to every grid point.
/// </summary>
public sealed record SweepSpec : SaeSettingsSpec
{
    /// <summary>Prefix of the grid points' names: <c>&lt;name&gt;@l1=0.001,expansion=4</c>.</summary>
    public string Name { get; init; } = "sweep";

    /// <summary>L1 coefficients, swept for the architectures with a sparsity penalty (relu, jumprelu, gated).</summary>
    public double[] L1 { get; init; } = [];

    /// <summary>Features kept per input, swept in place of <see cref="L1"/> for the architectures that keep k (<see cref="SaeArchitectures.NeedingK"/>).</summary>
    public int[] K { get; init; } = [];

    /// <summary>Dictionary sizes; or give <see cref="Expansion"/>.</summary>
    public int[]? Features { get; init; }

    /// <summary>Dictionary sizes as multiples of the activation dimension.</summary>
    public double[]? Expansion { get; init; }

    /// <summary>Architectures (each one of <see cref="SaeSpec.TrainableArchitectures"/>); unset means relu only.</summary>
    public string[]? Architecture { get; init; }

    /// <summary>The probe run on every grid point's SAE.</summary>
    public SweepProbeSpec Probe { get; init; } = new();

    public void Validate(string path)
    {
        const string owner = "sweep";
        if (string.IsNullOrWhiteSpace(Name) || Name == ProbeSpec.RawSource || Name.Contains('@', StringComparison.Ordinal))
        {
            throw SaeLabException.ForFile(path, $"sweep: name '{Name}' cannot name a sweep", $"not empty, not '{ProbeSpec.RawSource}', no '@'");
        }

        string[] architectures = [.. (Architecture ?? [SaeArchitectures.Relu]).Where(a => SaeSpec.TrainableArchitectures.Contains(a))];
        if (L1.Length == 0 && architectures.Any(a => !SaeArchitectures.NeedsK(a)))
        {
            throw SaeLabException.ForFile(path, "sweep: give 'l1' as a list of at least one value, e.g. l1: [1.0e-4, 1.0e-3]");
        }

        if (K.Length == 0 && architectures.Any(SaeArchitectures.NeedsK))
        {
            throw SaeLabException.ForFile(path, $"sweep: {SaeArchitectures.NeedingK} sweep 'k' instead of 'l1': give it as a list, e.g. k: [16, 32, 64]");
        }

        if (K.Length > 0 && !architectures.Any(SaeArchitectures.NeedsK))
        {
            throw SaeLabException.ForFile(path, $"sweep: 'k' applies to the architectures {SaeArchitectures.NeedingK}, and the sweep has none of them");
        }

        if ((Features is null) == (Expansion is null) || (Features ?? []).Length + (Expansion ?? []).Length == 0)
        {
            throw SaeLabException.ForFile(path, "sweep: give exactly one of 'features' and 'expansion', as a list of at least one value");
        }

        foreach (string architecture in Architecture ?? [])
        {
            SaeSpec.ValidateArchitecture(architecture, path, owner);
        }

        RequireDistinct(L1, "l1", path);
        RequireDistinct(K, "k", path);
        RequireDistinct(Features ?? [], "features", path);
        RequireDistinct(Expansion ?? [], "expansion", path);
        RequireDistinct(Architecture ?? [], "architecture", path);
        ValidateSettings(path, owner);
        foreach (SaeSpec point in Points())
        {
            ValidateTrainingConfig(point.ToTrainingConfig(), path, $"sweep point '{point.Name}'");
        }

        Probe.Validate(path);
    }

    /// <summary>
    /// The grid points, architecture outermost and the sparsity setting (L1, or k for the TopK family) innermost, each an
    /// SAE spec with this sweep's other settings.
    /// </summary>
    public IReadOnlyList<SaeSpec> Points()
    {
        IEnumerable<string?> architectures = Architecture ?? new string?[] { null };
        (int? Features, double? Expansion, string Label)[] sizes = Features is not null
            ? [.. Features.Select(f => ((int?)f, (double?)null, $"features={Text(f)}"))]
            : [.. (Expansion ?? []).Select(e => ((int?)null, (double?)e, $"expansion={Text(e)}"))];
        return [.. from architecture in architectures
                   from size in sizes
                   from sparsity in SparsitySettings(architecture)
                   select new SaeSpec(this)
                   {
                       Name = $"{Name}@{(architecture is null ? "" : $"arch={architecture},")}{sparsity.Label},{size.Label}",
                       Training = TrainingWith(GridSettings(architecture, size.Features, size.Expansion, sparsity.L1, sparsity.K)),
                   }];
    }

    // The grid's settings of one point, by SaeTrainingConfig property; unset ones keep the sweep's (or the trainer's).
    private static IEnumerable<KeyValuePair<string, object?>> GridSettings(string? architecture, int? features, double? expansion, double? l1, int? k)
    {
        (string Name, object? Value)[] grid =
        [
            (nameof(SaeTrainingConfig.Architecture), architecture), (nameof(SaeTrainingConfig.Features), features),
            (nameof(SaeTrainingConfig.Expansion), expansion), (nameof(SaeTrainingConfig.L1), l1), (nameof(SaeTrainingConfig.K), k),
        ];
        return grid.Where(setting => setting.Value is not null).Select(setting => KeyValuePair.Create(setting.Name, setting.Value));
    }

    // The TopK family's sparsity is k (their l1 is unused); the others' is the penalty l1.
    private IEnumerable<(double? L1, int? K, string Label)> SparsitySettings(string? architecture) =>
        architecture is not null && SaeArchitectures.NeedsK(architecture)
            ? K.Select(k => ((double?)null, (int?)k, $"k={k}"))
            : L1.Select(l1 => ((double?)l1, (int?)null, $"l1={Text(l1)}"));

    private static string Text(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static void RequireDistinct<T>(IReadOnlyCollection<T> values, string key, string path)
    {
        if (values.Distinct().Count() != values.Count)
        {
            throw SaeLabException.ForFile(path, $"sweep: '{key}' lists a value twice");
        }
    }
}
