using SaeLab.IO;

namespace SaeLab.Benchmarking;

/// <summary>
/// One <c>saelab bench</c> run: time the workloads of <see cref="Config"/> against this machine's floor
/// (<see cref="TrainingBench"/>) and write the full report as JSON. The CLI maps its flags onto this record and prints
/// the <see cref="BenchReport"/> through <c>BenchTable</c>.
/// </summary>
public sealed record BenchJob
{
    /// <summary>The workloads, data, epochs and architecture.</summary>
    public BenchConfig Config { get; init; } = new();

    /// <summary>Where to write the report as JSON; null for nowhere.</summary>
    public string? Out { get; init; }

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first invalid setting.</summary>
    public void Validate() => Config.Validate();

    /// <summary>Runs the benchmark, each finished epoch reported to <paramref name="log"/>, and writes <see cref="Out"/>.</summary>
    public BenchReport Run(IProgress<string>? log = null)
    {
        Validate();
        BenchReport report = TrainingBench.Run(Config, log);
        if (Out is not null)
        {
            JsonFiles.Write(Out, report);
        }

        return report;
    }
}
