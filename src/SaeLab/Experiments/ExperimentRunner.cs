using System.Diagnostics;
using System.Runtime.InteropServices;
using SaeLab.Data;
using SaeLab.IO;
using SaeLab.Numerics;
using SaeLab.Probing;
using SaeLab.Probing.Grid;
using SaeLab.Probing.Sparse;
using SaeLab.Sae;
using SaeLab.Statistics;
using SaeLab.Synthetic;

namespace SaeLab.Experiments;

/// <summary>
/// Runs an experiment file end to end — load the data, train (or load) and evaluate each SAE (each seed, each layer or
/// token of a split entry), analyse its features, train, evaluate and probe the sweep's grid, run each probe (logistic,
/// cross-validated, k-sparse, hybrid) and the raw accuracy grid — timing every stage, and writes
/// <c>results.json</c> and the SAE folders into the output folder. It draws nothing: the figures (SaeLab.Figures'
/// <c>ExperimentFigures</c>), the accuracy grid's tables and <c>COMPARISON.md</c> are rendered from the
/// <see cref="ExperimentResults"/> it returns.
/// </summary>
public sealed partial class ExperimentRunner
{
    public const string ResultsFileName = "results.json";
    public const string ReportFileName = "COMPARISON.md";
    public const string FiguresFolder = "figures";
    public const string SaesFolder = "saes";

    private readonly ExperimentConfig _config;
    private readonly string _experimentPath;
    private readonly string _outputDirectory;
    private readonly IExperimentObserver _observer;
    private readonly List<StageTiming> _stages = [];
    private readonly Dictionary<string, ProbeSource> _sources = new(StringComparer.Ordinal);
    private SyntheticDataset? _truth;

    private ExperimentRunner(ExperimentConfig config, string experimentPath, string outputDirectory, IExperimentObserver observer)
    {
        _config = config;
        _experimentPath = experimentPath;
        _outputDirectory = Path.GetFullPath(outputDirectory);
        _observer = observer;
    }

    /// <summary>
    /// Runs <paramref name="config"/> (read from <paramref name="experimentPath"/>, against which data paths resolve)
    /// and writes its files into <paramref name="outputDirectory"/>, all but the figures, the accuracy grid's tables and the
    /// report (<see cref="ReportFileName"/>), which are rendered from the results.
    /// </summary>
    public static ExperimentResults Run(ExperimentConfig config, string experimentPath, string outputDirectory, IExperimentObserver? observer = null)
    {
        config.Validate(experimentPath);
        return new ExperimentRunner(config, experimentPath, outputDirectory, observer ?? SilentObserver.Instance).Run();
    }

    private ExperimentResults Run()
    {
        string date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        ActivationSet data = Stage("load data", LoadData);
        _sources[ProbeSpec.RawSource] = new ProbeSource(data, [null], []);
        ProbeConfig probeConfig = _config.ProbeSettingsWithLabels();
        Dictionary<string, ISparseAutoencoder> loaded = LoadSaes(data);
        var saeOutcomes = _config.Saes.SelectMany(spec => spec.Expand(data))
            .Select(spec => spec.Load is null ? TrainEvaluateAnalyze(spec, data) : EvaluateAnalyzeLoaded(spec, loaded[spec.Name], data))
            .ToList();
        SweepOutcome? sweep = _config.Sweep is { } sweepSpec ? RunSweep(sweepSpec, data, probeConfig) : null;
        var probes = ProbesOfKind(ProbeSpec.Logistic).Select(spec => RunProbe(spec, probeConfig)).ToList();
        var sparseProbes = SparseProbesOf(SparseProbingProtocol.Multiclass).Select(spec => RunSparseProbe(spec, probeConfig)).ToList();
        var saeBenchProbes = SparseProbesOf(SparseProbingProtocol.SaeBench).Select(spec => RunSaeBenchProbe(spec, probeConfig)).ToList();
        var hybridProbes = ProbesOfKind(ProbeSpec.Hybrid).Select(spec => RunHybridProbe(spec, probeConfig)).ToList();
        IReadOnlyList<PairedComparison> comparisons = Stage("paired comparisons", () => Compare(probes, probeConfig.SplitSeed));
        AccuracyGrid? grid = _config.AccuracyGrid && HasPositions(data) ? Stage("accuracy grid", () => AccuracyGrid.Run(data, probeConfig)) : null;
        var results = new ExperimentResults
        {
            Name = _config.Name,
            Objective = _config.Objective,
            Date = date,
            Data = Summarize(data),
            Saes = saeOutcomes,
            Sweep = sweep,
            Probes = probes,
            SparseProbes = sparseProbes,
            SaeBenchProbes = saeBenchProbes,
            HybridProbes = hybridProbes,
            Baseline = _config.Baseline,
            Comparisons = comparisons,
            Grid = grid,
            Stages = _stages,
            Environment = new RunEnvironment(MachineDescription(), ComputeContext.Current.Threads, ComputeContext.Current.BackendName, RuntimeInformation.FrameworkDescription, SaeLabVersion.Current),
            Figures = [],
        };
        JsonFiles.Write(Path.Combine(_outputDirectory, ResultsFileName), results);
        return results;
    }

    private ActivationSet LoadData()
    {
        ExperimentData spec = _config.Data;
        if (spec.Synthetic is { } synthetic)
        {
            _truth = SyntheticActivationGenerator.Generate(synthetic);
            return _truth.Set;
        }

        return ActivationLoader.Load(ExperimentFile.ResolvePath(_experimentPath, spec.Path!), spec.LoadOptions);
    }

    /// <summary>
    /// Every pair of probes (the baseline first), each a McNemar test and a paired bootstrap interval on the shared test
    /// set, their significance decided after Holm's correction over all of them.
    /// </summary>
    private IReadOnlyList<PairedComparison> Compare(IReadOnlyList<ProbeOutcome> probes, int seed)
    {
        var ordered = probes.OrderBy(p => p.Spec.Name == _config.Baseline ? 0 : 1).ToList();
        var comparisons = new List<PairedComparison>();
        for (int i = 0; i < ordered.Count; i++)
        {
            for (int j = i + 1; j < ordered.Count; j++)
            {
                PairedComparison comparison = ProbeComparison.Compare(ordered[j].Result, ordered[i].Result, seed);
                comparisons.Add(comparison with { A = ordered[j].Spec.Name, B = ordered[i].Spec.Name });
            }
        }

        return PairedComparison.CorrectedForFamily(comparisons);
    }

    private T Stage<T>(string name, Func<T> work)
    {
        _observer.StageStarted(name);
        var clock = Stopwatch.StartNew();
        T result = work();
        _stages.Add(new StageTiming(name, clock.Elapsed.TotalSeconds));
        return result;
    }

    private static bool HasPositions(ActivationSet data) =>
        data.HasColumn(MetadataKeys.Layers) && data.HasColumn(MetadataKeys.Tokens) && data.HasColumn(MetadataKeys.Problems);

    private DataSummary Summarize(ActivationSet data)
    {
        string labelKey = _config.Data.LabelKey;
        long[] problems = data.HasColumn(MetadataKeys.Problems) ? data.Ints(MetadataKeys.Problems) : Enumerable.Range(0, data.Count).Select(i => (long)i).ToArray();
        string[] labels = data.Strings(labelKey);
        var perLabel = Enumerable.Range(0, data.Count)
            .Select(row => (problems[row], labels[row]))
            .Distinct()
            .GroupBy(pair => pair.Item2)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count());
        return new DataSummary(data.Source, data.Count, data.Dim, problems.Distinct().Count(), labelKey, perLabel);
    }

    private static string MachineDescription() =>
        $"{RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} logical cores";
}
