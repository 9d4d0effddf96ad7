using System.CommandLine;
using System.Diagnostics;
using SaeLab.Analysis;
using SaeLab.Dashboard;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab dashboard</c>: maps its flags onto a <see cref="DashboardJob"/>, runs it and prints what it wrote.</summary>
internal static class DashboardCommand
{
    public static Command Create()
    {
        var sae = new Option<string>("--sae") { Description = "SAE folder or checkpoint file (SAELens, sparsify, dictionary_learning, or the seed's sae_weights.pt)", Required = true };
        var data = new Option<string>("--data") { Description = ActivationLoadFlags.DataDescription, Required = true };
        var texts = new Option<string?>("--texts") { Description = "Problems file (JSON array with 'problem' and 'question'): questions shown beside the top vectors; labels the data from the worked answers when they have no label column" };
        var output = new Option<string?>("--out") { Description = $"Folder to write the site into (replaced atomically) [default: {DashboardJob.DefaultFolder}/ beside the SAE]" };
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
            var job = new DashboardJob
            {
                Sae = parse.GetValue(sae)!,
                Data = parse.GetValue(data)!,
                Load = loadFlags.Read(parse),
                Texts = parse.GetValue(texts),
                Output = parse.GetValue(output),
                Options = dashboardFlags.Read(parse, DashboardOptions.Default) with { Analysis = analysisFlags.Read(parse, AnalysisOptions.Default) },
            };
            var clock = Stopwatch.StartNew();
            FeatureAnalysis result = job.Run();
            TextWriter console = parse.InvocationConfiguration.Output;
            console.WriteLine($"{result.UsedFeatures} live and {result.DSae - result.UsedFeatures} dead features of {result.DSae} on {result.Vectors} vectors, in {clock.Elapsed.TotalSeconds:0.0} s");
            console.WriteLine($"wrote {Path.Combine(job.Folder, DashboardSite.IndexFileName)}");
            return 0;
        });
        return command;
    }
}
