using System.Text.Json.Serialization;
using SaeLab.Analysis;
using SaeLab.Evaluation;
using SaeLab.GroundTruth;
using SaeLab.Probing;
using SaeLab.Probing.CrossValidation;
using SaeLab.Probing.Grid;
using SaeLab.Probing.Hybrid;
using SaeLab.Probing.Sparse;
using SaeLab.Statistics;
using SaeLab.Training;

namespace SaeLab.Experiments;

/// <summary>
/// Every number an experiment produced: what <c>results.json</c> holds and the report is written from. The records of its
/// parts follow it in this file, so that the file shows results.json's whole shape.
/// </summary>
public sealed record ExperimentResults
{
    public required string Name { get; init; }

    public string? Objective { get; init; }

    /// <summary>When the run started (UTC, ISO 8601).</summary>
    public required string Date { get; init; }

    public required DataSummary Data { get; init; }

    public required IReadOnlyList<SaeOutcome> Saes { get; init; }

    /// <summary>The sweep's grid points, when the experiment has a sweep.</summary>
    public SweepOutcome? Sweep { get; init; }

    /// <summary>Logistic probes, in file order.</summary>
    public required IReadOnlyList<ProbeOutcome> Probes { get; init; }

    /// <summary><c>kind: k-sparse</c> probes of the multiclass protocol, in file order.</summary>
    public IReadOnlyList<SparseProbeOutcome> SparseProbes { get; init; } = [];

    /// <summary><c>kind: k-sparse</c> probes with <c>protocol: saebench</c>, in file order.</summary>
    public IReadOnlyList<SaeBenchProbeOutcome> SaeBenchProbes { get; init; } = [];

    /// <summary><c>kind: hybrid</c> probes, in file order.</summary>
    public IReadOnlyList<HybridProbeOutcome> HybridProbes { get; init; } = [];

    /// <summary>Name of the probe the others are compared with, if any.</summary>
    public string? Baseline { get; init; }

    /// <summary>Each pair of probes compared on their shared test set (McNemar and a paired bootstrap), the baseline's pairs first.</summary>
    public required IReadOnlyList<PairedComparison> Comparisons { get; init; }

    /// <summary>The raw token × layer accuracy grid, when asked for and the data have tokens and layers.</summary>
    public AccuracyGrid? Grid { get; init; }

    /// <summary>Wall-clock seconds of each stage, in order.</summary>
    public required IReadOnlyList<StageTiming> Stages { get; init; }

    public required RunEnvironment Environment { get; init; }

    /// <summary>Figures written, relative to the output folder.</summary>
    public required IReadOnlyList<string> Figures { get; init; }
}

/// <summary>The activation set an experiment ran on.</summary>
public sealed record DataSummary(string Source, int Vectors, int Dim, int Problems, string LabelKey, IReadOnlyDictionary<string, int> ProblemsPerLabel);

/// <summary>
/// One SAE: its settings, training curve, evaluation, feature analysis and (synthetic data only) ground-truth
/// recovery. With several seeds these are the first seed's, and <see cref="AcrossSeeds"/> holds every seed. A loaded
/// SAE (<see cref="LoadedFrom"/>) was not trained here: its <c>Config</c> and <c>TrainingSeconds</c> are null and its
/// <c>Epochs</c> (the training curve) empty.
/// </summary>
public sealed record SaeOutcome(
    string Name,
    SaeTrainingConfig? Config,
    int Features,
    double? TrainingSeconds,
    IReadOnlyList<EpochStats> Epochs,
    EvaluationMetrics Metrics,
    EvaluationVerdict Verdict,
    FeatureAnalysis Analysis,
    GroundTruthRecoveryResult? Recovery,
    string Folder)
{
    /// <summary>The SAE architecture: as trained, or as the loaded SAE reports it (<see cref="Sae.ISparseAutoencoder.Architecture"/>).</summary>
    public string Architecture { get; init; } = "relu";

    /// <summary>The resolved path of a loaded SAE (<c>load:</c>); null for an SAE trained by the experiment.</summary>
    public string? LoadedFrom { get; init; }

    /// <summary>The layer / token it was trained (unless loaded), evaluated and probed on; null for all vectors.</summary>
    public VectorSubset? Subset { get; init; }

    /// <summary>Every seed's evaluation and mean ± std over them, when trained with several seeds.</summary>
    public SeedSummary? AcrossSeeds { get; init; }

    /// <summary>For a supervised SAE: its head and the problems it was trained on (the probes' training split only).</summary>
    public SupervisedOutcome? Supervised { get; init; }

    /// <summary>Its feature dashboard's index page, relative to the output folder; null unless the experiment has <c>dashboard: true</c>.</summary>
    public string? Dashboard { get; init; }

    /// <summary>The whole evaluation (per-feature statistics too), which its figures draw; <c>evaluation.json</c> in its folder holds it.</summary>
    [JsonIgnore]
    public EvaluationResult? Evaluation { get; init; }
}

/// <summary>One logistic probe: its spec and result (on the first seed's codes when the SAE has several seeds).</summary>
public sealed record ProbeOutcome(ProbeSpec Spec, ProbeResult Result)
{
    /// <summary>The probe on each seed's codes, when its SAE was trained with several seeds.</summary>
    public SeedAccuracies? AcrossSeeds { get; init; }

    /// <summary>Repeated stratified k-fold cross-validation, when the spec asks for it.</summary>
    public CrossValidationResult? CrossValidation { get; init; }
}

/// <summary>A <c>kind: k-sparse</c> probe: its spec and the probe at each k.</summary>
public sealed record SparseProbeOutcome(ProbeSpec Spec, SparseProbeResult Result);

/// <summary>A <c>kind: k-sparse</c> probe with <c>protocol: saebench</c>: its spec and every task's probe at each k.</summary>
public sealed record SaeBenchProbeOutcome(ProbeSpec Spec, SaeBenchProbeResult Result);

/// <summary>A <c>kind: hybrid</c> probe: its spec and the hybrid with its baselines.</summary>
public sealed record HybridProbeOutcome(ProbeSpec Spec, HybridProbeResult Result);

/// <summary>How a supervised SAE was trained: its head's weight and results, and the problems it never saw.</summary>
/// <param name="Weight">λ, the cross-entropy's weight.</param>
/// <param name="TrainProblems">Problems trained on (the probes' training split).</param>
/// <param name="TestProblems">Problems held out: none of their vectors was trained on.</param>
/// <param name="TrainVectors">Vectors trained on.</param>
/// <param name="CrossEntropy">The head's mean cross-entropy in the last epoch.</param>
/// <param name="HeadTrainAccuracy">The head's accuracy on the training vectors in the last epoch.</param>
public sealed record SupervisedOutcome(double Weight, int TrainProblems, int TestProblems, int TrainVectors, double CrossEntropy, double HeadTrainAccuracy);

/// <summary>A sweep's grid points and the probe aggregation they were scored with.</summary>
/// <param name="Name">The sweep's name.</param>
/// <param name="Subset">The vectors every point trained on.</param>
/// <param name="Aggregation">The probe's aggregation, canonical form.</param>
/// <param name="Points">Grid points, architecture outermost and L1 innermost.</param>
public sealed record SweepOutcome(string Name, VectorSubset Subset, string Aggregation, IReadOnlyList<SweepPoint> Points);

/// <summary>Seconds one stage took.</summary>
public sealed record StageTiming(string Stage, double Seconds);

/// <summary>Where the run happened, enough to compare timings honestly, and the SaeLab build that ran it (<see cref="SaeLabVersion"/>).</summary>
public sealed record RunEnvironment(string Machine, int Threads, string GemmBackend, string Runtime, string SaeLab);
