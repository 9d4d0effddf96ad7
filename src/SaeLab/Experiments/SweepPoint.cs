using SaeLab.Analysis;
using SaeLab.Probing;
using SaeLab.Statistics;
using SaeLab.Training;

namespace SaeLab.Experiments;

/// <summary>One grid point of a sweep: its settings, every seed's evaluation, its probe, its feature analysis, and whether it is on each Pareto frontier.</summary>
/// <param name="Name">Its name, <c>&lt;sweep&gt;@l1=…,expansion=…</c>.</param>
/// <param name="Architecture">The SAE architecture.</param>
/// <param name="Config">The trainer's settings (first seed).</param>
/// <param name="Features">Dictionary size.</param>
/// <param name="Seeds">Every seed's run and the metrics' mean ± std over them (n = 1 with one seed).</param>
/// <param name="Probe">The sweep's probe on the first seed's codes.</param>
/// <param name="ProbeAccuracy">The probe's accuracy over the seeds.</param>
/// <param name="Analysis">The first seed's feature analysis, summarised (the full one is <c>analysis.json</c> in that seed's folder).</param>
/// <param name="ReconstructionFrontier">No other point has lower (or equal) mean L0 and higher (or equal) mean explained variance, one strictly.</param>
/// <param name="AccuracyFrontier">No other point has lower (or equal) mean L0 and higher (or equal) mean probe accuracy, one strictly.</param>
public sealed record SweepPoint(
    string Name,
    string Architecture,
    SaeTrainingConfig Config,
    int Features,
    SeedSummary Seeds,
    ProbeResult Probe,
    MetricSummary ProbeAccuracy,
    FeatureAnalysisSummary Analysis,
    bool ReconstructionFrontier,
    bool AccuracyFrontier);
