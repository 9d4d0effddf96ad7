using SaeLab.IO;
using SaeLab.Statistics;

namespace SaeLab.Probing.Jobs;

/// <summary>
/// One comparison of two probe results from files, as <c>saelab compare</c> asks for it: read both
/// (<c>saelab probe --out</c> JSON), pair them by test problem (<see cref="ProbeComparison"/>) and write the JSON. The CLI
/// maps its flags onto this record and prints the <see cref="PairedComparison"/> through <c>ProbeReport</c>.
/// </summary>
public sealed record ComparisonJob
{
    /// <summary>The first probe's result JSON.</summary>
    public required string First { get; init; }

    /// <summary>The second probe's result JSON, scored on the same test problems.</summary>
    public required string Second { get; init; }

    /// <summary>The bootstrap's seed and resamples, and McNemar's method.</summary>
    public ComparisonOptions Options { get; init; } = new();

    /// <summary>Where to write the comparison as JSON; null for nowhere.</summary>
    public string? Out { get; init; }

    /// <summary>Throws a <see cref="SaeLabException"/> naming the option out of range.</summary>
    public void Validate() => Options.Validate();

    /// <summary>Compares the two probes and writes <see cref="Out"/>.</summary>
    public PairedComparison Run()
    {
        Validate();
        PairedComparison comparison = ProbeComparison.Compare(
            JsonFiles.Read<ProbeResult>(First), JsonFiles.Read<ProbeResult>(Second), Options.Seed, Options.Method, Options.Resamples);
        if (Out is not null)
        {
            JsonFiles.Write(Out, comparison);
        }

        return comparison;
    }
}
