using System.CommandLine;
using SaeLab.Analysis;
using SaeLab.Figures;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab analyze</c>: what each feature of a trained SAE responds to (label, layer, token).</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var io = new SaeDataOptions();
        var labelKey = new Option<string?>("--label-key") { Description = $"Metadata column to profile features against [default: {AnalysisOptions.Default.LabelKey}]" };
        var top = new Option<int?>("--top") { Description = $"Rows in the top-features table [default: {AnalysisOptions.Default.Top}]" };
        var minSelectivity = new Option<double?>("--min-selectivity") { Description = $"Label selectivity a feature needs to count as label-selective [default: {AnalysisOptions.Default.MinSelectivity}]" };
        var minUsage = new Option<int?>("--min-usage") { Description = $"Vectors a feature must be used by to count as label-selective [default: {AnalysisOptions.Default.MinUsage}]" };
        var command = new Command("analyze", "Profile an SAE's features: usage, mean activation per label/layer/token, selectivity, label-selective features and where they sit.");
        io.AddTo(command);
        foreach (Option option in new Option[] { labelKey, top, minSelectivity, minUsage })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var options = AnalysisOptions.Default;
            options = options with
            {
                LabelKey = parseResult.GetValue(labelKey) ?? options.LabelKey,
                Top = parseResult.GetValue(top) ?? options.Top,
                MinSelectivity = parseResult.GetValue(minSelectivity) ?? options.MinSelectivity,
                MinUsage = parseResult.GetValue(minUsage) ?? options.MinUsage,
                ActiveThreshold = parseResult.GetValue(io.Threshold) ?? options.ActiveThreshold,
                BatchSize = parseResult.GetValue(io.BatchSize) ?? options.BatchSize,
            };
            options.Validate();
            return io.Run(parseResult, (sae, data) => FeatureAnalyzer.Analyze(sae, data, options), AnalysisMarkdown.Render, AnalysisFigures.Write);
        });
        return command;
    }
}
