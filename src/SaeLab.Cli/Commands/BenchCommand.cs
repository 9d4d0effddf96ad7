using System.CommandLine;
using SaeLab.Benchmarking;
using SaeLab.IO;
using SaeLab.Training.Architectures;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab bench</c>: times training against the floor this machine's sgemm rate and memory bandwidth allow.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "A small run (1,800 vectors of d = 512, 4x smaller dictionaries, 2 epochs)" };
        var epochs = new Option<int?>("--epochs") { Description = $"Epochs per workload [default: {new BenchConfig().Epochs}; --quick: {BenchConfig.Quick.Epochs}]" };
        var workloads = new Option<string[]>("--workload") { Description = "Workloads to run: pilot (8192 features), refined (2048) [default: both]", AllowMultipleArgumentsPerToken = true };
        workloads.AcceptOnlyFromAmong(BenchWorkload.Pilot.Name, BenchWorkload.Refined.Name);
        var threads = new Option<int?>("--threads") { Description = "Compute threads [default: all cores]" };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the full report as JSON" };
        var architecture = new Option<string?>("--arch") { Description = $"Architecture every workload trains: {string.Join(", ", SaeTrainingArchitectures.Names)} [default: {new BenchConfig().Architecture}]" };
        var k = new Option<int?>("--k") { Description = "Features kept per input (topk, batchtopk, matryoshka)" };
        var l1 = new Option<double?>("--l1") { Description = "Sparsity coefficient of every workload [default: each workload's seed value]" };
        var command = new Command("bench", "Time SAE training (pilot and refined workloads, any --arch) against this machine's floor: sgemm rate and memory bandwidth")
        {
            quick, epochs, workloads, threads, output, architecture, k, l1,
        };
        command.SetAction(parseResult =>
        {
            BenchConfig config = parseResult.GetValue(quick) ? BenchConfig.Quick : new BenchConfig();
            string[] names = parseResult.GetValue(workloads) ?? [];
            config = config with
            {
                Epochs = parseResult.GetValue(epochs) ?? config.Epochs,
                Threads = parseResult.GetValue(threads),
                Architecture = parseResult.GetValue(architecture) ?? config.Architecture,
                K = parseResult.GetValue(k),
                L1 = parseResult.GetValue(l1),
                Workloads = names.Length == 0 ? config.Workloads : [.. config.Workloads.Where(w => names.Contains(w.Name))],
            };
            TextWriter error = parseResult.InvocationConfiguration.Error;
            BenchReport report = TrainingBench.Run(config, new Lines(error));
            BenchTable.Write(parseResult.InvocationConfiguration.Output, report);
            if (parseResult.GetValue(output) is FileInfo file)
            {
                JsonFiles.Write(file.FullName, report);
            }

            return 0;
        });
        return command;
    }

    private sealed class Lines(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
