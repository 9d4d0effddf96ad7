using SaeLab.Analysis;
using SaeLab.Data;
using SaeLab.Probing;
using SaeLab.Probing.Aggregation;

namespace SaeLab.Experiments;

/// <summary>The sweep: every grid point trained (each seed), evaluated, probed and its features analysed, then its Pareto frontiers marked.</summary>
public sealed partial class ExperimentRunner
{
    public const string ParetoReconstructionFigure = "sweep_pareto_explained_variance.png";
    public const string ParetoAccuracyFigure = "sweep_pareto_probe_accuracy.png";

    private SweepOutcome RunSweep(SweepSpec sweep, ActivationSet data, ProbeConfig probeConfig)
    {
        ActivationSet vectors = sweep.Subset.Take(data);
        var trained = sweep.Points().Select(point =>
        {
            IReadOnlyList<TrainedSeed> seeds = TrainSeeds(point, data, vectors);
            ProbeOutcome probe = RunProbe(new ProbeSpec { Name = point.Name, Source = point.Name, Aggregate = sweep.Probe.Aggregate }, probeConfig);
            FeatureAnalysisSummary analysis = FeatureAnalysisSummary.Of(AnalyzeFeatures(point.Name, seeds[0].Training.Sae, seeds[0].Run.Folder, vectors));
            return (Point: point, Seeds: SeedSummary.Of([.. seeds.Select(s => s.Run)]), Config: seeds[0].Config, Features: seeds[0].Training.Sae.DSae, Probe: probe, Analysis: analysis);
        }).ToList();
        double[] l0 = [.. trained.Select(t => t.Seeds.L0Mean.Mean)];
        bool[] reconstructionFrontier = ParetoFrontier.Mark(l0, [.. trained.Select(t => t.Seeds.ExplainedVariance.Mean)]);
        bool[] accuracyFrontier = ParetoFrontier.Mark(l0, [.. trained.Select(t => AccuracyOf(t.Probe).Mean)]);
        var points = trained.Select((t, i) => new SweepPoint(
            t.Point.Name, t.Config.Architecture, t.Config, t.Features, t.Seeds, t.Probe.Result, AccuracyOf(t.Probe), t.Analysis,
            reconstructionFrontier[i], accuracyFrontier[i])).ToList();
        var outcome = new SweepOutcome(sweep.Name, sweep.Subset, AggregationSpec.Parse(sweep.Probe.Aggregate).ToString(), points);
        return outcome;
    }

    private static Statistics.MetricSummary AccuracyOf(ProbeOutcome probe) =>
        probe.AcrossSeeds?.Accuracy ?? Statistics.MetricSummary.Of([probe.Result.Metrics.Accuracy]);
}
