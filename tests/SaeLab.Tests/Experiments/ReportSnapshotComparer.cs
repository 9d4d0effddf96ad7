using System.Globalization;
using System.Text.RegularExpressions;

namespace SaeLab.Tests.Experiments;

/// <summary>
/// Compares a report (COMPARISON.md) with its snapshot line by line, allowing for what differs between machines.
/// With every number masked (to its shape: <c>#.##</c> keeps the decimals shown, drops the sign and the integer
/// digits) the text must match exactly: same lines, words and table layout. The numbers must then match the
/// snapshot's within <see cref="RelativeTolerance"/> of the snapshot's value or <see cref="LastDigitUnits"/> units
/// of its last displayed digit, whichever is larger: trained numbers differ in their last digits across SIMD widths
/// (AVX2 here, AVX-512 on some CI machines), while a changed default, a broken kernel or a changed formula moves them
/// further. Two kinds of line compare their label only: a timing line (one holding a duration, as ReportFormat writes
/// it: "19 s", "2.2 min"; such as "| train pilot | 19 s |" or the Training Time row, whose ratio and its ÷ or × are of
/// timings too) compares its first table cell,
/// and a machine line (<c>**Date**:</c>, <c>**Machine**:</c>: date, OS, cores, threads, GEMM backend) its label.
/// </summary>
internal static partial class ReportSnapshotComparer
{
    /// <summary>Allowed difference of a number, as a fraction of the snapshot's value.</summary>
    public const double RelativeTolerance = 0.05;

    /// <summary>Allowed difference of a number, in units of its last displayed digit (0.01 for "69.61").</summary>
    public const double LastDigitUnits = 1.5;

    private static readonly string[] MachineLabels = ["**Date**:", "**Machine**:"];

    /// <summary>
    /// The failure message naming the first line of <paramref name="actual"/> that differs from
    /// <paramref name="expected"/> (the snapshot at <paramref name="snapshotPath"/>) beyond what machines change; null
    /// when none does.
    /// </summary>
    public static string? FirstDifference(string snapshotPath, string expected, string actual)
    {
        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            if (i >= expectedLines.Length || i >= actualLines.Length)
            {
                string end = "(end of text)";
                return SnapshotFile.Difference(snapshotPath, i + 1, i < expectedLines.Length ? expectedLines[i] : end,
                    i < actualLines.Length ? actualLines[i] : end, "one text has more lines");
            }

            string? why = LineDifference(expectedLines[i], actualLines[i]);
            if (why is not null)
            {
                return SnapshotFile.Difference(snapshotPath, i + 1, expectedLines[i], actualLines[i], why);
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="actual"/> differs from <paramref name="expected"/>; null when it matches.</summary>
    private static string? LineDifference(string expected, string actual)
    {
        if (expected == actual)
        {
            return null;
        }

        if (ComparedText(expected) != ComparedText(actual))
        {
            return "the text differs with the numbers masked";
        }

        if (IsMachineLine(expected) || IsTimingLine(expected))
        {
            return null;
        }

        MatchCollection expectedNumbers = NumberPattern().Matches(expected);
        MatchCollection actualNumbers = NumberPattern().Matches(actual);
        for (int k = 0; k < expectedNumbers.Count; k++)
        {
            if (!WithinTolerance(expectedNumbers[k].Value, actualNumbers[k].Value, out double allowed))
            {
                return $"{actualNumbers[k].Value} is more than {allowed.ToString("G3", CultureInfo.InvariantCulture)} from the snapshot's {expectedNumbers[k].Value}";
            }
        }

        return null;
    }

    /// <summary>The part of a line that must match exactly: the label of a machine or timing line, else the masked line.</summary>
    private static string ComparedText(string line)
    {
        if (IsMachineLine(line))
        {
            return MachineLabels.First(line.StartsWith);
        }

        if (IsTimingLine(line))
        {
            return FirstCell(line);
        }

        return NumberPattern().Replace(line, m => "#" + DecimalPlaces(m.Value) switch { 0 => "", int d => "." + new string('#', d) });
    }

    private static bool IsMachineLine(string line) => MachineLabels.Any(line.StartsWith);

    private static bool IsTimingLine(string line) => DurationPattern().IsMatch(line);

    /// <summary>"| train pilot |" of a table row; a line that is no table row, up to its first number.</summary>
    private static string FirstCell(string line)
    {
        if (line.StartsWith('|'))
        {
            int end = line.IndexOf('|', 1);
            return end < 0 ? line : line[..(end + 1)];
        }

        return line[..NumberPattern().Match(line).Index];
    }

    private static bool WithinTolerance(string expected, string actual, out double allowed)
    {
        double e = double.Parse(expected, CultureInfo.InvariantCulture);
        double a = double.Parse(actual, CultureInfo.InvariantCulture);
        double lastDigit = Math.Pow(10, -DecimalPlaces(expected));
        allowed = Math.Max(RelativeTolerance * Math.Abs(e), LastDigitUnits * lastDigit);
        // The slack absorbs the binary rounding of decimal values such as 0.1.
        return Math.Abs(a - e) <= allowed * (1 + 1e-9);
    }

    private static int DecimalPlaces(string number)
    {
        int point = number.IndexOf('.');
        return point < 0 ? 0 : number.Length - point - 1;
    }

    /// <summary>
    /// A number, with its sign (so "-0.0" and "+0.0" compare as numbers), unless it is part of a word such as L0, F1,
    /// avx2 or a path.
    /// </summary>
    [GeneratedRegex(@"(?<![\p{L}\d.])[-+]?\d+(?:\.\d+)?")]
    private static partial Regex NumberPattern();

    /// <summary>A duration as ReportFormat writes it: "0.6 s", "**59 s**", "2.2 min".</summary>
    [GeneratedRegex(@"\d (?:s|min)(?![\p{L}\d])")]
    private static partial Regex DurationPattern();
}
