using SaeLab.Probing;
using SaeLab.Probing.Aggregation;
using SaeLab.Probing.CrossValidation;
using SaeLab.Probing.Hybrid;
using SaeLab.Probing.Sparse;
using SaeLab.Statistics;

namespace SaeLab.Experiments;

/// <summary>Probes: logistic (on every seed's codes, optionally cross-validated), k-sparse (either protocol) and hybrid.</summary>
public sealed partial class ExperimentRunner
{
    private IEnumerable<ProbeSpec> ProbesOfKind(string kind) => _config.Probes.Where(p => p.Kind == kind);

    private IEnumerable<ProbeSpec> SparseProbesOf(string protocol) => ProbesOfKind(ProbeSpec.KSparse).Where(p => p.SparseProtocol == protocol);

    private ProbeOutcome RunProbe(ProbeSpec spec, ProbeConfig settings)
    {
        ProbeConfig config = settings with { Aggregation = AggregationSpec.Parse(spec.Aggregate) };
        ProbeSource source = SourceOf(spec);
        ProbeResult[] results = [.. source.Saes.Select((sae, i) =>
            Stage(source.Saes.Count == 1 ? $"probe {spec.Name}" : $"probe {spec.Name} (seed {source.Seeds[i]})", () => Named(spec, () => Prober.Run(source.Data, config, sae))))];
        CrossValidationResult? crossValidation = spec.CrossValidation is { } cv
            ? Stage($"cross-validate {spec.Name}", () => Named(spec, () => CrossValidator.Run(source.Data, config, cv, source.First)))
            : null;
        double[] accuracies = [.. results.Select(r => r.Metrics.Accuracy)];
        return new ProbeOutcome(spec, results[0])
        {
            AcrossSeeds = results.Length > 1 ? new SeedAccuracies(source.Seeds, accuracies, MetricSummary.Of(accuracies)) : null,
            CrossValidation = crossValidation,
        };
    }

    private SparseProbeOutcome RunSparseProbe(ProbeSpec spec, ProbeConfig settings)
    {
        ProbeConfig config = settings with { Aggregation = AggregationSpec.Parse(spec.Aggregate) };
        ProbeSource source = SourceOf(spec);
        SparseProbeResult result = Stage($"k-sparse probe {spec.Name}", () => Named(spec, () => SparseProber.Run(source.Data, config, spec.Ks ?? SparseProber.DefaultKs, source.First)));
        return new SparseProbeOutcome(spec, result);
    }

    private SaeBenchProbeOutcome RunSaeBenchProbe(ProbeSpec spec, ProbeConfig settings)
    {
        ProbeConfig config = settings with { Aggregation = AggregationSpec.Parse(spec.Aggregate) };
        ProbeSource source = SourceOf(spec);
        var defaults = new SaeBenchProbingConfig();
        var protocol = defaults with { Ks = spec.Ks ?? defaults.Ks, NegativeSeed = spec.NegativeSeed ?? defaults.NegativeSeed };
        SaeBenchProbeResult result = Stage($"SAEBench sparse probe {spec.Name}", () => Named(spec, () => SaeBenchSparseProber.Run(source.Data, config, protocol, source.First)));
        return new SaeBenchProbeOutcome(spec, result);
    }

    private HybridProbeOutcome RunHybridProbe(ProbeSpec spec, ProbeConfig settings)
    {
        ProbeConfig config = settings with { Aggregation = AggregationSpec.Parse(spec.Aggregate) };
        ProbeSource source = SourceOf(spec);
        HybridProbeResult result = Stage($"hybrid probe {spec.Name}", () => Named(spec, () => HybridProber.Run(source.Data, source.First!, config, spec.K!.Value, config.SplitSeed)));
        return new HybridProbeOutcome(spec, result);
    }

    /// <summary>The probe's source; a split SAE's name (<c>x@layer=5</c>) can only be checked once the data are loaded.</summary>
    private ProbeSource SourceOf(ProbeSpec spec) =>
        _sources.TryGetValue(spec.Source, out ProbeSource? source)
            ? source
            : throw SaeLabException.ForFile(
                _experimentPath,
                $"probe '{spec.Name}': source '{spec.Source}' is not one of the trained SAEs",
                $"trained: {string.Join(", ", _sources.Keys.Where(k => k != ProbeSpec.RawSource))}");

    private T Named<T>(ProbeSpec spec, Func<T> work) => SpecCheck.Named(_experimentPath, $"probe '{spec.Name}'", work);
}
