using System.CommandLine;
using System.Diagnostics;
using SaeLab.Analysis;
using SaeLab.Dashboard;
using SaeLab.Data;
using SaeLab.Sae;
using SaeLab.Training.Architectures;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab dashboard</c>: a static, offline site with a card per feature of a trained SAE.</summary>
internal static class DashboardCommand
{
    private const string DefaultFolder = "dashboard";

    public static Command Create()
    {
        var sae = new Option<string>("--sae") { Description = "SAE folder or checkpoint file (SAELens, sparsify, dictionary_learning, or the seed's sae_weights.pt)", Required = true };
        var data = new Option<string>("--data") { Description = ActivationLoadFlags.DataDescription, Required = true };
        var texts = new Option<string?>("--texts") { Description = "Problems file (JSON array with 'problem' and 'question'): questions shown beside the top vectors; labels the data from the worked answers when they have no label column" };
        var output = new Option<string?>("--out") { Description = $"Folder to write the site into (replaced atomically) [default: {DefaultFolder}/ beside the SAE]" };
        var loadFlags = new ActivationLoadFlags();
        var command = new Command("dashboard", "Write a static feature dashboard (opens from file://, no network): a sortable index of the live features and a card per feature with its histogram, top vectors, breakdowns, neighbours and quantile bands.")
        {
            sae, data, texts, output,
        };
        var dashboardFlags = new SettingFlags<DashboardOptions>();
        dashboardFlags.AddTo(command);
        var analysisFlags = new SettingFlags<AnalysisOptions>(only: [nameof(AnalysisOptions.LabelKey), nameof(AnalysisOptions.ActiveThreshold), nameof(AnalysisOptions.BatchSize)]);
        analysisFlags.AddTo(command);
        loadFlags.AddTo(command);
        command.SetAction(parse =>
        {
            DashboardOptions options = dashboardFlags.Read(parse, DashboardOptions.Default) with { Analysis = analysisFlags.Read(parse, AnalysisOptions.Default) };
            options.Validate();
            TextWriter console = parse.InvocationConfiguration.Output;
            string saePath = parse.GetValue(sae)!;
            var clock = Stopwatch.StartNew();
            ProblemTexts? problems = parse.GetValue(texts) is string textsPath ? ProblemTexts.Read(textsPath) : null;
            ISparseAutoencoder model = SaeFolder.Load(saePath);
            ActivationSet vectors = ActivationLoader.Load(parse.GetValue(data)!, loadFlags.Read(parse));
            if (problems is not null)
            {
                vectors = problems.LabelIfUnlabelled(vectors, options.Analysis.LabelKey, note => parse.InvocationConfiguration.Error.WriteLine("note: " + note));
            }

            string folder = parse.GetValue(output) ?? BesideSae(saePath);
            FeatureAnalysis result = FeatureDashboard.Generate(model, vectors, problems, folder, options, $"{Path.GetFileName(Path.GetFullPath(saePath).TrimEnd('/'))}: {model.DSae} features");
            console.WriteLine($"{result.UsedFeatures} live and {result.DSae - result.UsedFeatures} dead features of {result.DSae} on {result.Vectors} vectors, in {clock.Elapsed.TotalSeconds:0.0} s");
            console.WriteLine($"wrote {Path.Combine(folder, DashboardSite.IndexFileName)}");
            return 0;
        });
        return command;
    }

    /// <summary>The default output: a dashboard folder inside an SAE folder, or beside a checkpoint file.</summary>
    private static string BesideSae(string saePath) =>
        Path.Combine(Directory.Exists(saePath) ? saePath : Path.GetDirectoryName(Path.GetFullPath(saePath))!, DefaultFolder);
}
