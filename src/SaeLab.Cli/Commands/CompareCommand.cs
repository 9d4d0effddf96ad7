using System.CommandLine;
using SaeLab.Probing.Jobs;
using SaeLab.Reports;
using SaeLab.Statistics;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab compare</c>: are two probes' accuracies really different? Maps its flags onto a <see cref="ComparisonJob"/> (McNemar's test and a paired bootstrap interval), runs it and prints its result.</summary>
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
            var job = new ComparisonJob
            {
                First = parse.GetValue(first)!,
                Second = parse.GetValue(second)!,
                Options = comparisonFlags.Read(parse, new ComparisonOptions()),
                Out = parse.GetValue(output),
            };
            parse.InvocationConfiguration.Output.Write(ProbeReport.Text(job.Run()));
            return 0;
        });
        return command;
    }
}
