using System.CommandLine;
using SaeLab.Analysis;
using SaeLab.Figures;
using SaeLab.Reports;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab analyze</c>: what each feature of a trained SAE responds to (label, layer, token).</summary>
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
            AnalysisOptions options = analysisFlags.Read(parseResult, AnalysisOptions.Default);
            options.Validate();
            return io.Run(parseResult, (sae, data) => FeatureAnalyzer.Analyze(sae, data, options), AnalysisReport.Markdown, (directory, name, analysis) => WriteFigures(parseResult, directory, name, analysis));
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
