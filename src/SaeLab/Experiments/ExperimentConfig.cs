using SaeLab.Probing;

namespace SaeLab.Experiments;

/// <summary>
/// An experiment file: one activation set, named SAE configurations trained on it (or existing SAEs loaded), named
/// probes (raw activations or an SAE's codes under an aggregation) and the probe every other is compared with.
/// See <c>experiments/seed-pilot-vs-refined.yaml</c>.
/// </summary>
public sealed record ExperimentConfig
{
    /// <summary>Title of the report.</summary>
    public string Name { get; init; } = "experiment";

    /// <summary>What the experiment tests, written under the title.</summary>
    public string? Objective { get; init; }

    /// <summary>Where the activations come from.</summary>
    public ExperimentData Data { get; init; } = new();

    /// <summary>SAE configurations (or <c>load:</c> entries naming existing SAEs), in report column order.</summary>
    public SaeSpec[] Saes { get; init; } = [];

    /// <summary>A grid of SAE configurations trained, evaluated and probed as one job (Pareto frontiers in the report).</summary>
    public SweepSpec? Sweep { get; init; }

    /// <summary>Probes, in report row order.</summary>
    public ProbeSpec[] Probes { get; init; } = [];

    /// <summary>Name of the probe the others are compared with (usually raw activations).</summary>
    public string? Baseline { get; init; }

    /// <summary>The split and classifier settings all probes share (<c>test_size</c>, <c>split_seed</c>, <c>standardize</c>); their labels are the data's.</summary>
    public ProbeConfig ProbeSettings { get; init; } = new();

    /// <summary>Also probe every token × layer of the raw activations (the seed's heatmap).</summary>
    public bool AccuracyGrid { get; init; } = true;

    /// <summary>Also write each <c>saes:</c> entry's feature dashboard (as <c>saelab dashboard</c> does) into its folder, linked from the report.</summary>
    public bool Dashboard { get; init; }

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first inconsistency.</summary>
    public void Validate(string path)
    {
        Data.Validate(path);
        SpecCheck.Named(path, "probe_settings", ProbeSettingsWithLabels().Validate);
        RequireUnique(Saes.Select(s => s.Name).Concat(Sweep is null ? [] : [Sweep.Name]), "saes", path);
        RequireUnique(Probes.Select(p => p.Name), "probes", path);
        foreach (SaeSpec sae in Saes)
        {
            sae.Validate(path);
        }

        Sweep?.Validate(path);
        var saeNames = Saes.Where(s => s.SplitBy is null).Select(s => s.Name).Concat(SweepPoints().Select(p => p.Name)).ToHashSet(StringComparer.Ordinal);
        var splitEntries = Saes.Where(s => s.SplitBy is not null).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (ProbeSpec probe in Probes)
        {
            probe.Validate(path, saeNames, splitEntries);
        }

        var logistic = Probes.Where(p => p.Kind == ProbeSpec.Logistic).Select(p => p.Name).ToList();
        if (Baseline is not null && !logistic.Contains(Baseline))
        {
            throw SaeLabException.ForFile(path, $"baseline '{Baseline}' is not one of the logistic probes", $"probes: {string.Join(", ", logistic)}");
        }

        if (Saes.Length == 0 && Probes.Length == 0 && Sweep is null)
        {
            throw SaeLabException.ForFile(path, "the experiment has neither saes, nor a sweep, nor probes");
        }
    }

    /// <summary>The probes' settings: <see cref="ProbeSettings"/> with the data's label key.</summary>
    public ProbeConfig ProbeSettingsWithLabels() => ProbeSettings with { LabelKey = Data.LabelKey };

    /// <summary>The sweep's grid points, if there is a sweep.</summary>
    public IReadOnlyList<SaeSpec> SweepPoints() => Sweep?.Points() ?? [];

    private static void RequireUnique(IEnumerable<string> names, string section, string path)
    {
        string? duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw SaeLabException.ForFile(path, $"{section}: the name '{duplicate}' is used twice");
        }
    }
}
