using System.CommandLine;
using SaeLab.IO;
using SaeLab.Probing;
using SaeLab.Statistics;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab compare</c>: are two probes' accuracies really different? McNemar's test and a paired bootstrap interval.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("a") { Description = "Result JSON of the first probe (saelab probe --out)" };
        var second = new Argument<string>("b") { Description = "Result JSON of the second probe, scored on the same test problems" };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap resampling", DefaultValueFactory = _ => 0 };
        var resamples = new Option<int?>("--resamples") { Description = $"Bootstrap resamples [default: {PairedBootstrap.DefaultResamples}]" };
        var method = new Option<McNemarMethod?>("--method") { Description = $"McNemar p-value: auto (exact below {McNemarTest.ExactBelowDiscordant} discordant problems, else chi-square), exact or chisquare [default: auto]" };
        var output = new Option<string?>("--out") { Description = "Write the comparison as JSON" };
        var command = new Command("compare", "Test whether two probes scored on the same test problems differ in accuracy (McNemar + paired bootstrap CI)")
        {
            first, second, seed, resamples, method, output,
        };
        command.SetAction(parse =>
        {
            ProbeResult a = JsonFiles.Read<ProbeResult>(parse.GetValue(first)!);
            ProbeResult b = JsonFiles.Read<ProbeResult>(parse.GetValue(second)!);
            int count = parse.GetValue(resamples) ?? PairedBootstrap.DefaultResamples;
            if (count < 1)
            {
                throw new SaeLabException($"--resamples must be at least 1 (got {count})");
            }

            PairedComparison comparison = ProbeComparison.Compare(a, b, parse.GetValue(seed), parse.GetValue(method) ?? McNemarMethod.Auto, count);
            parse.InvocationConfiguration.Output.Write(ProbeReports.Comparison(comparison));
            if (parse.GetValue(output) is string outPath)
            {
                JsonFiles.Write(outPath, comparison);
            }

            return 0;
        });
        return command;
    }
}
