using System.CommandLine;
using SaeLab.IO;
using SaeLab.Probing;
using SaeLab.Reports;
using SaeLab.Statistics;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab compare</c>: are two probes' accuracies really different? McNemar's test and a paired bootstrap interval.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("a") { Description = "Result JSON of the first probe (saelab probe --out)" };
        var second = new Argument<string>("b") { Description = "Result JSON of the second probe, scored on the same test problems" };
        var output = new Option<string?>("--out") { Description = "Write the comparison as JSON" };
        var command = new Command("compare", "Test whether two probes scored on the same test problems differ in accuracy (McNemar + paired bootstrap CI)")
        {
            first, second,
        };
        var comparisonFlags = new SettingFlags<ComparisonOptions>();
        comparisonFlags.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            ProbeResult a = JsonFiles.Read<ProbeResult>(parse.GetValue(first)!);
            ProbeResult b = JsonFiles.Read<ProbeResult>(parse.GetValue(second)!);
            ComparisonOptions options = comparisonFlags.Read(parse, new ComparisonOptions());
            options.Validate();
            PairedComparison comparison = ProbeComparison.Compare(a, b, options.Seed, options.Method, options.Resamples);
            parse.InvocationConfiguration.Output.Write(ProbeReport.Text(comparison));
            if (parse.GetValue(output) is string outPath)
            {
                JsonFiles.Write(outPath, comparison);
            }

            return 0;
        });
        return command;
    }
}
