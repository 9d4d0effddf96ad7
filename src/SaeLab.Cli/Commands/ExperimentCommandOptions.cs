using System.CommandLine;
using SaeLab.Cli.Progress;
using SaeLab.Experiments;
using SaeLab.Figures;
using SaeLab.Numerics;
using SaeLab.Reports;

namespace SaeLab.Cli.Commands;

/// <summary>The options <c>run</c> and <c>demo</c> share, and how both run an experiment and print its headline.</summary>
internal sealed class ExperimentCommandOptions
{
    public Option<string?> Output { get; } = new("--out") { Description = "Output folder for COMPARISON.md, results.json, SAEs and figures" };

    public Option<int?> Threads { get; } = new("--threads") { Description = "Compute threads [default: all cores]" };

    public Option<bool> Quiet { get; } = new("--quiet") { Description = "Print no progress" };

    public void AddTo(Command command)
    {
        command.Options.Add(Output);
        command.Options.Add(Threads);
        command.Options.Add(Quiet);
    }

    /// <summary>Runs <paramref name="config"/> into the chosen (or default) folder and prints a summary.</summary>
    public int Run(ParseResult parse, ExperimentConfig config, string experimentPath, string defaultOutput)
    {
        using ComputeContext.Scope compute = ComputeContext.Current.WithThreads(parse.GetValue(Threads)).Use();
        string output = parse.GetValue(Output) ?? defaultOutput;
        TextWriter console = parse.InvocationConfiguration.Output;
        var observer = new ConsoleExperimentObserver(parse.InvocationConfiguration.Error, parse.GetValue(Quiet));
        ExperimentResults results = ReportedExperiment.Run(config, experimentPath, output, observer);
        console.Write(ExperimentHeadline.Render(results));
        console.WriteLine($"report: {Path.Combine(Path.GetFullPath(output), ExperimentRunner.ReportFileName)}");
        return 0;
    }
}
