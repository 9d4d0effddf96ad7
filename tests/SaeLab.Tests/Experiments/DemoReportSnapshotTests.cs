using SaeLab.Experiments;
using SaeLab.Tests.Cli;

namespace SaeLab.Tests.Experiments;

/// <summary>
/// <c>saelab demo</c>'s COMPARISON.md is the project's main output: a change to its layout, wording or numbers must be
/// deliberate. The test runs the demo (the full experiment: 1 to 2 minutes on 2 shared cores; no other test runs it,
/// so there is no run to share) and compares its report with Experiments/Snapshots/demo-COMPARISON.md as
/// <see cref="ReportSnapshotComparer"/> describes: the text with numbers masked exactly; the numbers within 5% or 1.5
/// units of their last displayed digit, whichever is larger; timings, the date and the machine line not at all. When
/// it fails: read the first differing line in the message; if the change is intended (a new row, a reworded verdict,
/// a training change that moves the numbers), run this test with SAELAB_UPDATE_SNAPSHOTS=1, review the snapshot's diff
/// (git diff shows every number that moved) and commit it with the change; if not, fix the code.
/// </summary>
public sealed class DemoReportSnapshotTests : IDisposable
{
    private static readonly string Snapshot = Path.Combine(TestData.RepositoryRoot, "tests", "SaeLab.Tests", "Experiments", "Snapshots", "demo-COMPARISON.md");

    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-demo-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheDemoReport_MatchesTheSnapshot()
    {
        CliResult result = CliRunner.Run("demo", "--out", _dir, "--quiet");
        Assert.True(result.ExitCode == 0, result.Error);
        string actual = SnapshotFile.Normalise(File.ReadAllText(Path.Combine(_dir, ExperimentRunner.ReportFileName)));

        string? difference = ReportSnapshotComparer.FirstDifference(Snapshot, SnapshotFile.Read(Snapshot, actual), actual);

        Assert.True(difference is null, difference);
    }
}
