using System.CommandLine;
using System.Globalization;
using SaeLab.Data;
using SaeLab.Experiments;
using SaeLab.Figures;
using SaeLab.IO;
using SaeLab.Probing;
using SaeLab.Sae;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab probe</c>: a logistic-regression probe of raw activations or SAE codes, or the token × layer accuracy grid.</summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var defaults = new ProbeConfig();
        var data = new Option<string>("--data") { Description = "Activation file (.safetensors, .pt, .npy or .npz; see docs/formats.md) with problem and label metadata (layer and token for the aggregations that use them)", Required = true };
        var sae = new Option<string?>("--sae") { Description = "SAE folder or checkpoint file (as eval --sae takes): probe its codes instead of the raw activations" };
        var aggregate = new Option<string?>("--aggregate") { Description = $"How each problem's vectors become one sample: {AggregationSpec.AllowedForms}" };
        var labelKey = new Option<string?>("--label-key") { Description = $"String metadata column with each problem's class [default: {defaults.LabelKey}]" };
        var standardize = new Option<bool>("--standardize") { Description = "Centre and scale features with training-set statistics" };
        var testSize = new Option<double?>("--test-size") { Description = $"Fraction of problems held out, stratified [default: {defaults.TestSize}]" };
        var splitSeed = new Option<int?>("--split-seed") { Description = $"Seed of the split (scikit-learn's random_state) [default: {defaults.SplitSeed}]" };
        var grid = new Option<bool>("--grid") { Description = "Probe raw activations at every token and layer (token:T@layer:L) instead of one aggregation" };
        var output = new Option<string?>("--out") { Description = "Write the result (or the grid) as JSON" };
        var figures = new Option<string?>("--figures") { Description = "Folder for the confusion-matrix PNG (or the grid's PNG, markdown and JSON)" };
        var cvDefaults = new CrossValidationConfig();
        var cv = new Option<int?>("--cv") { Description = $"Repeated stratified k-fold cross-validation with this many folds instead of one split (e.g. {cvDefaults.Folds})" };
        var cvRepeats = new Option<int?>("--cv-repeats") { Description = $"Repeats of the cross-validation [default: {cvDefaults.Repeats}]" };
        var cvSeed = new Option<int?>("--cv-seed") { Description = $"Seed of the fold shuffles [default: {cvDefaults.Seed}]" };
        var kSparse = new Option<string?>("--k-sparse") { Description = $"k-sparse probes: comma-separated k [default: {string.Join(",", SparseProber.DefaultKs)} ({SparseProbingProtocol.Multiclass}), {string.Join(",", SparseProbingProtocol.DefaultKs(SparseProbingProtocol.SaeBench))} ({SparseProbingProtocol.SaeBench})]" };
        var kSparseProtocol = new Option<string?>("--k-sparse-protocol")
        {
            Description = $"k-sparse protocol (implies k-sparse probes): {SparseProbingProtocol.Multiclass} (one multiclass probe on the top k by one-vs-rest gap) or {SparseProbingProtocol.SaeBench} (SAEBench's: a balanced binary task per class, mean accuracy; comparable with SAEBench's scores) [default: {SparseProbingProtocol.Multiclass}]",
        };
        kSparseProtocol.AcceptOnlyFromAmong([.. SparseProbingProtocol.All]);
        var saeBenchDefaults = new SaeBenchProbingConfig();
        var negativeSeed = new Option<int?>("--negative-seed") { Description = $"Seed of the negatives' draw of the {SparseProbingProtocol.SaeBench} protocol [default: {saeBenchDefaults.NegativeSeed}]" };
        var hybrid = new Option<int?>("--hybrid") { Description = "Hybrid probe: raw activations projected onto the decoder directions of the K most class-separating SAE features, against PCA, raw dimensions and SAE codes (needs --sae)" };
        var command = new Command("probe", "Fit a logistic-regression probe (scikit-learn's defaults and split) on per-problem features and score it on held-out problems")
        {
            data, sae, aggregate, labelKey, standardize, testSize, splitSeed, grid, output, figures, cv, cvRepeats, cvSeed, kSparse, kSparseProtocol, negativeSeed, hybrid,
        };
        var loadFlags = new ActivationLoadFlags();
        loadFlags.AddTo(command);
        command.SetAction(parse =>
        {
            ProbeConfig config = defaults with
            {
                LabelKey = parse.GetValue(labelKey) ?? defaults.LabelKey,
                Standardize = parse.GetValue(standardize),
                TestSize = parse.GetValue(testSize) ?? defaults.TestSize,
                SplitSeed = parse.GetValue(splitSeed) ?? defaults.SplitSeed,
            };
            config.Validate();
            ActivationSet set = ActivationLoader.Load(parse.GetValue(data)!, loadFlags.Read(parse));
            TextWriter console = parse.InvocationConfiguration.Output;
            if (parse.GetValue(grid))
            {
                if (parse.GetValue(sae) is not null || parse.GetValue(aggregate) is not null)
                {
                    throw new SaeLabException("--grid probes raw activations at every token and layer; it takes neither --sae nor --aggregate");
                }

                RunGrid(set, config, parse.GetValue(output), parse.GetValue(figures), console);
                return 0;
            }

            string spec = parse.GetValue(aggregate)
                ?? throw new SaeLabException($"--aggregate is required (or use --grid); allowed: {AggregationSpec.AllowedForms}");
            ISparseAutoencoder? model = parse.GetValue(sae) is string dir ? SaeCheckpoint.Load(dir) : null;
            config = config with { Aggregation = AggregationSpec.Parse(spec) };
            string? outPath = parse.GetValue(output);
            string? protocol = parse.GetValue(kSparseProtocol);
            bool sparse = parse.GetValue(kSparse) is not null || protocol is not null;
            int modes = new[] { parse.GetValue(cv) is not null, sparse, parse.GetValue(hybrid) is not null }.Count(m => m);
            if (modes > 1)
            {
                throw new SaeLabException("--cv, --k-sparse and --hybrid are separate modes; give at most one");
            }

            if (parse.GetValue(cv) is int folds)
            {
                var cvConfig = cvDefaults with
                {
                    Folds = folds,
                    Repeats = parse.GetValue(cvRepeats) ?? cvDefaults.Repeats,
                    Seed = parse.GetValue(cvSeed) ?? cvDefaults.Seed,
                };
                cvConfig.Validate();
                WriteAndPrint(CrossValidation.Run(set, config, cvConfig, model), ProbeReports.CrossValidation, outPath, console);
                return 0;
            }

            if (parse.GetValue(negativeSeed) is not null && protocol != SparseProbingProtocol.SaeBench)
            {
                throw new SaeLabException($"--negative-seed applies only to --k-sparse-protocol {SparseProbingProtocol.SaeBench}");
            }

            if (sparse)
            {
                RunSparse(set, config, protocol ?? SparseProbingProtocol.Multiclass, parse.GetValue(kSparse), parse.GetValue(negativeSeed), model, outPath, console);
                return 0;
            }

            if (parse.GetValue(hybrid) is int k)
            {
                ISparseAutoencoder hybridSae = model ?? throw new SaeLabException("--hybrid needs --sae: the SAE whose decoder directions are projected onto");
                WriteAndPrint(HybridProber.Run(set, hybridSae, config, k), ProbeReports.Hybrid, outPath, console);
                return 0;
            }

            ProbeResult result = Prober.Run(set, config, model);
            Print(result, console);
            if (outPath is not null)
            {
                JsonFiles.Write(outPath, result);
            }

            if (parse.GetValue(figures) is string figureDir)
            {
                Directory.CreateDirectory(figureDir);
                string name = parse.GetValue(sae) is string saePath ? SaeDisplayName.Of(saePath) : ProbeSpec.RawSource;
                ProbeFigures.WriteConfusionMatrix(Path.Combine(figureDir, ProbeOutputs.ConfusionMatrixPng), name, result);
            }

            return 0;
        });
        return command;
    }

    private static void WriteAndPrint<T>(T result, Func<T, string> format, string? outPath, TextWriter console)
    {
        console.Write(format(result));
        if (outPath is not null)
        {
            JsonFiles.Write(outPath, result);
        }
    }

    private static void RunSparse(
        ActivationSet set, ProbeConfig config, string protocol, string? ksText, int? negativeSeed, ISparseAutoencoder? model, string? outPath, TextWriter console)
    {
        IReadOnlyList<int> ks = ksText is null ? SparseProbingProtocol.DefaultKs(protocol) : ParseKs(ksText);
        if (protocol == SparseProbingProtocol.SaeBench)
        {
            var defaults = new SaeBenchProbingConfig();
            var saeBench = defaults with { Ks = ks, NegativeSeed = negativeSeed ?? defaults.NegativeSeed };
            WriteAndPrint(SaeBenchSparseProber.Run(set, config, saeBench, model), ProbeReports.SaeBench, outPath, console);
            return;
        }

        WriteAndPrint(SparseProber.Run(set, config, ks, model), ProbeReports.KSparse, outPath, console);
    }

    private static int[] ParseKs(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray()
            : throw new SaeLabException($"--k-sparse takes comma-separated positive integers, e.g. {string.Join(",", SparseProber.DefaultKs)} (got '{text}')");
    }

    private static void RunGrid(ActivationSet set, ProbeConfig config, string? outPath, string? figureDir, TextWriter console)
    {
        AccuracyGrid result = AccuracyGrid.Run(set, config);
        console.Write(result.ToMarkdown());
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best: token {result.Best.Token} at layer {result.Best.Layer}, accuracy {result.Best.Accuracy:0.000}"));
        if (outPath is not null)
        {
            JsonFiles.Write(outPath, result);
        }

        if (figureDir is not null)
        {
            ProbeOutputs.WriteGrid(figureDir, result);
            ProbeFigures.WriteGrid(figureDir, result);
        }
    }

    private static void Print(ProbeResult result, TextWriter console)
    {
        ClassificationMetrics m = result.Metrics;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Source} {result.Aggregation}: accuracy {m.Accuracy:0.000} (95% CI {m.AccuracyCi95.Low:0.000}-{m.AccuracyCi95.High:0.000}), macro F1 {m.MacroF1:0.000}"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.TrainSize} train / {result.TestSize} test problems, {result.NFeatures} features, {result.Iterations} iterations{(result.Converged ? "" : " (not converged)")}, {result.FitSeconds:0.00} s"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"floors: majority class ({result.MajorityClass}) {result.MajorityAccuracy:0.000}, chance {result.ChanceAccuracy:0.000}{(result.AtMajorityRate ? "; the probe does no better than always predicting the majority class" : "")}"));
        foreach (var (label, c) in m.PerClass)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {label,-22} precision {c.Precision:0.000}  recall {c.Recall:0.000}  f1 {c.F1:0.000}  support {c.Support}"));
        }
    }
}
