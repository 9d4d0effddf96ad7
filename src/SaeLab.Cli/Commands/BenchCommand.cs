using System.CommandLine;
using SaeLab.Benchmarking;
using SaeLab.Reports;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab bench</c>: maps its flags onto a <see cref="BenchJob"/> (training timed against the floor this machine's sgemm rate and memory bandwidth allow), runs it and prints its table.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "A small run (1,800 vectors of d = 512, 4x smaller dictionaries, 2 epochs)" };
        var workloads = new Option<string[]>("--workload") { Description = "Workloads to run: pilot (8192 features), refined (2048) [default: both]", AllowMultipleArgumentsPerToken = true };
        workloads.AcceptOnlyFromAmong(BenchWorkload.Pilot.Name, BenchWorkload.Refined.Name);
        var output = new Option<FileInfo?>("--out") { Description = "Also write the full report as JSON" };
        var command = new Command("bench", "Time SAE training (pilot and refined workloads, any --arch) against this machine's floor: sgemm rate and memory bandwidth")
        {
            quick, workloads, output,
        };
        var benchFlags = new SettingFlags<BenchConfig>();
        benchFlags.AddTo(command);
        command.SetAction(parseResult =>
        {
            BenchConfig config = benchFlags.Read(parseResult, parseResult.GetValue(quick) ? BenchConfig.Quick : new BenchConfig());
            string[] names = parseResult.GetValue(workloads) ?? [];
            config = config with { Workloads = names.Length == 0 ? config.Workloads : [.. config.Workloads.Where(w => names.Contains(w.Name))] };
            var job = new BenchJob { Config = config, Out = parseResult.GetValue(output)?.FullName };
            BenchReport report = job.Run(new Lines(parseResult.InvocationConfiguration.Error));
            parseResult.InvocationConfiguration.Output.Write(BenchTable.Text(report));
            return 0;
        });
        return command;
    }

    private sealed class Lines(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
