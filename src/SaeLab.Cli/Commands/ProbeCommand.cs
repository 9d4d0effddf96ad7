using System.CommandLine;
using SaeLab.Experiments;
using SaeLab.Figures;
using SaeLab.Probing;
using SaeLab.Probing.Aggregation;
using SaeLab.Probing.CrossValidation;
using SaeLab.Probing.Jobs;
using SaeLab.Probing.Sparse;
using SaeLab.Reports;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab probe</c>: maps its flags onto a <see cref="ProbeJob"/>, runs it, prints its result and draws its figures.</summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Activation file (.safetensors, .pt, .npy or .npz; see docs/formats.md) with problem and label metadata (layer and token for the aggregations that use them)", Required = true };
        var sae = new Option<string?>("--sae") { Description = "SAE folder or checkpoint file (as eval --sae takes): probe its codes instead of the raw activations" };
        var aggregate = new Option<string?>("--aggregate") { Description = $"How each problem's vectors become one sample: {AggregationSpec.AllowedForms}" };
        var grid = new Option<bool>("--grid") { Description = "Probe raw activations at every token and layer (token:T@layer:L) instead of one aggregation" };
        var output = new Option<string?>("--out") { Description = "Write the result (or the grid) as JSON" };
        var figures = new Option<string?>("--figures") { Description = "Folder for the confusion-matrix PNG (or the grid's PNG, markdown and JSON)" };
        var kSparse = new Option<string?>("--k-sparse") { Description = $"k-sparse probes: comma-separated k [default: {string.Join(",", SparseProber.DefaultKs)} ({SparseProbingProtocol.Multiclass}), {string.Join(",", SparseProbingProtocol.DefaultKs(SparseProbingProtocol.SaeBench))} ({SparseProbingProtocol.SaeBench})]" };
        var kSparseProtocol = new Option<string?>("--k-sparse-protocol")
        {
            Description = $"k-sparse protocol (implies k-sparse probes): {SparseProbingProtocol.Multiclass} (one multiclass probe on the top k by one-vs-rest gap) or {SparseProbingProtocol.SaeBench} (SAEBench's: a balanced binary task per class, mean accuracy; comparable with SAEBench's scores) [default: {SparseProbingProtocol.Multiclass}]",
        };
        kSparseProtocol.AcceptOnlyFromAmong([.. SparseProbingProtocol.All]);
        var hybrid = new Option<int?>("--hybrid") { Description = "Hybrid probe: raw activations projected onto the decoder directions of the K most class-separating SAE features, against PCA, raw dimensions and SAE codes (needs --sae)" };
        var command = new Command("probe", "Fit a logistic-regression probe (scikit-learn's defaults and split) on per-problem features and score it on held-out problems")
        {
            data, sae, aggregate,
        };
        var probeFlags = new SettingFlags<ProbeConfig>();
        probeFlags.AddTo(command);
        command.Options.Add(grid);
        command.Options.Add(output);
        command.Options.Add(figures);
        var cvFlags = new SettingFlags<CrossValidationConfig>();
        cvFlags.AddTo(command);
        command.Options.Add(kSparse);
        command.Options.Add(kSparseProtocol);
        var saeBenchFlags = new SettingFlags<SaeBenchProbingConfig>();
        saeBenchFlags.AddTo(command);
        command.Options.Add(hybrid);

        var loadFlags = new ActivationLoadFlags();
        loadFlags.AddTo(command);
        command.SetAction(parse =>
        {
            bool sparse = parse.GetValue(kSparse) is not null || parse.GetValue(kSparseProtocol) is not null;
            var job = new ProbeJob
            {
                Data = parse.GetValue(data)!,
                Load = loadFlags.Read(parse),
                Sae = parse.GetValue(sae),
                Aggregation = parse.GetValue(aggregate) is string spec ? AggregationSpec.Parse(spec) : null,
                Config = probeFlags.Read(parse, new ProbeConfig()),
                Grid = parse.GetValue(grid),
                CrossValidation = cvFlags.AnyGiven(parse) ? cvFlags.Read(parse, new CrossValidationConfig()) : null,
                SparseProtocol = sparse ? parse.GetValue(kSparseProtocol) ?? SparseProbingProtocol.Multiclass : null,
                Ks = parse.GetValue(kSparse) is string ks ? CommaSeparatedIntegers.Parse(ks, "--k-sparse", string.Join(",", SparseProber.DefaultKs)) : null,
                NegativeSeed = saeBenchFlags.AnyGiven(parse) ? saeBenchFlags.Read(parse, new SaeBenchProbingConfig()).NegativeSeed : null,
                HybridFeatures = parse.GetValue(hybrid),
                Out = parse.GetValue(output),
            };
            ProbeJobResult result = job.Run();
            parse.InvocationConfiguration.Output.Write(ProbeJobReport.Text(result));
            if (parse.GetValue(figures) is string directory)
            {
                DrawFigures(directory, job, result);
            }

            return 0;
        });
        return command;
    }

    // The grid's PNG, markdown and JSON, or one probe's confusion matrix; the other modes have no figure.
    private static void DrawFigures(string directory, ProbeJob job, ProbeJobResult result)
    {
        if (result.Grid is { } grid)
        {
            AccuracyGridFiles.Write(directory, grid);
            ProbeFigures.WriteGrid(directory, grid);
        }
        else if (result.Single is { } single)
        {
            Directory.CreateDirectory(directory);
            string name = job.Sae is string saePath ? SaeDisplayName.Of(saePath) : ProbeSpec.RawSource;
            ProbeFigures.WriteConfusionMatrix(Path.Combine(directory, ProbeOutputs.ConfusionMatrixPng), name, single);
        }
    }
}
