using System.Globalization;
using System.Text.RegularExpressions;
using SaeLab.Data.Shards;
using SaeLab.Tests.Cli;
using Xunit.Abstractions;

namespace SaeLab.Tests.Shards;

/// <summary>
/// Trains in a separate <c>saelab</c> process (this test host is far larger than the cap) on a generated shard
/// folder four times the cap, and reads the peak working set the CLI reports.
/// </summary>
public sealed partial class MemoryCapTests(ITestOutputHelper output) : IDisposable
{
    private const long CapBytes = 96L << 20;
    private const long DataBytes = 400L << 20;
    private const int Dim = 256;
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-cap-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Training_OnFourTimesTheCap_StaysUnderTheCap()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(CliProcess.Assembly))
        {
            output.WriteLine($"skipped: needs Linux (resident-set accounting) and {CliProcess.Assembly}");
            return;
        }

        string folder = Path.Combine(_dir, "shards");
        ShardWriter.Write([new GeneratedRowSource(DataBytes / (4 * Dim), Dim, 1)], folder, new ShardingConfig { RowsPerShard = 16384 });
        Assert.True(Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length) > 4 * CapBytes);

        (int code, string stdout, string stderr) = CliProcess.Run([
            "train", "--data", folder, "--out", Path.Combine(_dir, "sae"), "--features", "256", "--epochs", "1", "--max-memory", "96MB", "--quiet"]);

        output.WriteLine(stdout + stderr);
        Assert.True(code == 0, stderr);
        Match peak = PeakPattern().Match(stdout);
        Assert.True(peak.Success, stdout);
        double peakMegabytes = double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture);
        if (peakMegabytes == 0)
        {
            output.WriteLine("skipped: the OS reports no peak working set");
            return;
        }

        Assert.InRange(peakMegabytes, 1, CapBytes / 1048576.0);
    }

    [GeneratedRegex(@"peak working set ([0-9.]+) MB")]
    private static partial Regex PeakPattern();
}
