using SaeLab.Analysis;
using SaeLab.Dashboard;
using SaeLab.Data;
using SaeLab.Evaluation;
using SaeLab.GroundTruth;
using SaeLab.IO;
using SaeLab.Sae;
using SaeLab.Training;

namespace SaeLab.Experiments;

/// <summary>Training SAEs: each seed of a configuration on its vectors, saved and evaluated.</summary>
public sealed partial class ExperimentRunner
{
    /// <summary>The feature analysis (<see cref="FeatureAnalyzer"/>'s JSON) in an SAE's folder (the first seed's).</summary>
    public const string AnalysisFileName = "analysis.json";

    /// <summary>The file of an SAE folder holding its <see cref="EvaluationResult"/>.</summary>
    public const string EvaluationFileName = "evaluation.json";

    /// <summary>The folder of an SAE folder holding its feature dashboard (with <c>dashboard: true</c>).</summary>
    public const string DashboardFolder = "dashboard";

    private SaeOutcome TrainEvaluateAnalyze(SaeSpec spec, ActivationSet data)
    {
        ActivationSet vectors = spec.Subset.Take(data);
        IReadOnlyList<TrainedSeed> seeds = TrainSeeds(spec, data, vectors);
        TrainedSeed first = seeds[0];
        SaeReview review = Review(spec.Name, first.Training.Sae, first.Run.Folder, vectors);
        return new SaeOutcome(
            spec.Name, first.Config, first.Training.Sae.DSae, first.Training.Seconds, first.Training.Epochs, first.Evaluation.Metrics, first.Evaluation.Verdict,
            review.Analysis, review.Recovery, first.Run.Folder)
        {
            Architecture = first.Config.Architecture,
            Subset = spec.Subset.IsAll ? null : spec.Subset,
            AcrossSeeds = seeds.Count > 1 ? SeedSummary.Of([.. seeds.Select(s => s.Run)]) : null,
            Supervised = first.Supervised,
            Dashboard = review.Dashboard,
            Evaluation = first.Evaluation,
        };
    }

    /// <summary>
    /// What every <c>saes:</c> entry gets once evaluated, trained or loaded: the feature analysis and
    /// (synthetic data only) ground-truth recovery, and its feature dashboard when the experiment asks for one.
    /// </summary>
    private SaeReview Review(string name, ISparseAutoencoder sae, string folder, ActivationSet vectors)
    {
        FeatureAnalysis analysis = AnalyzeFeatures(name, sae, folder, vectors, _config.Dashboard ? DashboardOptions.Default.Top : 0);
        GroundTruthRecoveryResult? recovery = _truth is null
            ? null
            : Stage($"ground truth {name}", () => GroundTruthRecovery.Measure(sae, _truth.TrueDirections, _truth.TrueFeatureCount));
        string? dashboard = _config.Dashboard ? WriteDashboard(name, folder, analysis, vectors) : null;
        return new SaeReview(analysis, recovery, dashboard);
    }

    /// <summary>Evaluates <paramref name="sae"/> on <paramref name="vectors"/> and writes <c>evaluation.json</c> into <paramref name="folderPath"/>.</summary>
    private EvaluationResult Evaluate(string name, ISparseAutoencoder sae, ActivationSet vectors, string folderPath)
    {
        EvaluationResult evaluation = Stage($"evaluate {name}", () => ReconstructionEvaluator.Evaluate(sae, vectors));
        JsonFiles.Write(Path.Combine(folderPath, EvaluationFileName), evaluation);
        return evaluation;
    }

    /// <summary>
    /// Analyses <paramref name="sae"/>'s features on <paramref name="vectors"/> (those it was evaluated on), keeping
    /// <paramref name="examples"/> top vectors per feature (see <see cref="AnalysisOptions.Examples"/>), and writes
    /// <c>analysis.json</c> into <paramref name="folder"/>.
    /// </summary>
    private FeatureAnalysis AnalyzeFeatures(string name, ISparseAutoencoder sae, string folder, ActivationSet vectors, int examples = 0)
    {
        FeatureAnalysis analysis = Stage(
            $"analyze {name}", () => FeatureAnalyzer.Analyze(sae, vectors, AnalysisOptions.Default with { LabelKey = _config.Data.LabelKey, Examples = examples }));
        JsonFiles.Write(Path.Combine(_outputDirectory, folder, AnalysisFileName), analysis);
        return analysis;
    }

    /// <summary>Renders <paramref name="analysis"/> as the dashboard in <c>saes/&lt;name&gt;/dashboard</c>; returns its index page relative to the output folder.</summary>
    private string WriteDashboard(string name, string folder, FeatureAnalysis analysis, ActivationSet vectors)
    {
        string site = Path.Combine(folder, DashboardFolder);
        var options = DashboardOptions.Default with { Analysis = analysis.Options };
        Stage($"dashboard {name}", () =>
        {
            DashboardSite.Write(Path.Combine(_outputDirectory, site), analysis, vectors, null, options, $"{_config.Name}: {name}");
            return site;
        });
        return Path.Combine(site, DashboardSite.IndexFileName);
    }

    /// <summary>
    /// Trains and evaluates <paramref name="spec"/> once per seed on <paramref name="vectors"/> (its subset of
    /// <paramref name="data"/>), saves each in <c>saes/&lt;name&gt;</c> (<c>saes/&lt;name&gt;@seed=S</c> with several
    /// seeds) and registers the SAEs as a probe source.
    /// </summary>
    private IReadOnlyList<TrainedSeed> TrainSeeds(SaeSpec spec, ActivationSet data, ActivationSet vectors)
    {
        int[] rows = spec.Subset.Rows(data);
        IReadOnlyList<int> seedList = spec.SeedList();
        var seeds = seedList.Select(seed =>
        {
            string name = seedList.Count == 1 ? spec.Name : $"{spec.Name}@seed={seed}";
            return TrainAndEvaluate(name, spec.ToTrainingConfig() with { Seed = seed }, spec, data, rows, vectors);
        }).ToList();
        _sources[spec.Name] = new ProbeSource(vectors, [.. seeds.Select(s => s.Training.Sae)], seedList);
        return seeds;
    }

    private TrainedSeed TrainAndEvaluate(string name, SaeTrainingConfig config, SaeSpec spec, ActivationSet data, int[] rows, ActivationSet vectors)
    {
        string folder = Path.Combine(SaesFolder, name);
        string folderPath = Path.Combine(_outputDirectory, folder);
        SaeSaveOptions save = spec.SaveOptions();
        SupervisedTraining? supervised = spec.Supervised is null ? null : TrainSupervised(name, config, spec.Supervised, vectors, folderPath, save);
        TrainingResult trained = supervised?.Training ?? Stage($"train {name}", () => _observer.Train(name, progress => SaeTrainer.Train(data, rows, config, progress)));
        if (supervised is null)
        {
            TrainedSaeFolder.Save(folderPath, trained, config, vectors.Source, rows.Length, save);
        }

        EvaluationResult evaluation = Evaluate(name, trained.Sae, vectors, folderPath);
        SaeCheckpoint.WriteSparsity(folderPath, evaluation.Features.Density());
        return new TrainedSeed(config, trained, evaluation, new SeedRun(config.Seed, evaluation.Metrics, trained.Seconds, folder), supervised?.Outcome);
    }

    /// <summary>One seed's trained SAE and evaluation (and, for a supervised SAE, its supervision).</summary>
    private sealed record TrainedSeed(SaeTrainingConfig Config, TrainingResult Training, EvaluationResult Evaluation, SeedRun Run, SupervisedOutcome? Supervised);

    /// <summary>An SAE's feature analysis, on synthetic data its ground-truth recovery, and its dashboard's index page if it has one.</summary>
    private readonly record struct SaeReview(FeatureAnalysis Analysis, GroundTruthRecoveryResult? Recovery, string? Dashboard);

    /// <summary>
    /// What a probe can name as its source: the vectors it sees, the SAEs encoding them (one per training seed; one
    /// for a loaded SAE; null for raw) and those seeds (none for raw or a loaded SAE).
    /// </summary>
    private sealed record ProbeSource(ActivationSet Data, IReadOnlyList<ISparseAutoencoder?> Saes, IReadOnlyList<int> Seeds)
    {
        /// <summary>The first seed's SAE: the one paired comparisons, cross-validation, k-sparse and hybrid probes use.</summary>
        public ISparseAutoencoder? First => Saes[0];
    }
}
