using System.CommandLine;
using SaeLab.Analysis;
using SaeLab.Figures;
using SaeLab.Reports;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab analyze</c>: maps its flags onto an <see cref="AnalysisJob"/>, runs it, prints its result and draws its figures.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var io = new SaeDataOptions();
        var analysisFlags = new SettingFlags<AnalysisOptions>();
        var command = new Command("analyze", "Profile an SAE's features: usage, mean activation per label/layer/token, selectivity, label-selective features and where they sit.");
        io.AddTo(command);
        analysisFlags.AddTo(command);
        command.SetAction(parseResult =>
        {
            var job = new AnalysisJob
            {
                Sae = parseResult.GetValue(io.Sae)!,
                Data = parseResult.GetValue(io.Data)!,
                Load = io.Load(parseResult),
                Options = analysisFlags.Read(parseResult, AnalysisOptions.Default),
                Out = parseResult.GetValue(io.Out),
            };
            FeatureAnalysis analysis = job.Run();
            return io.Print(parseResult, AnalysisReport.Markdown(analysis), (directory, name) => WriteFigures(parseResult, directory, name, analysis));
        });
        return command;
    }

    /// <summary>Writes the analysis figures, saying so when the position heatmap is left out (it would be all zeros).</summary>
    private static IReadOnlyList<string> WriteFigures(ParseResult parseResult, string directory, string sae, FeatureAnalysis analysis)
    {
        if (analysis.Position is not null && !AnalysisFigures.HasPositionFigure(analysis))
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"no {AnalysisFigures.SelectivePositionsPng}: no label-selective feature has a preferred position");
        }

        return AnalysisFigures.Write(directory, sae, analysis);
    }
}
