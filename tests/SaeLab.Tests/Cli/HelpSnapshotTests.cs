using System.CommandLine;
using SaeLab.Cli;

namespace SaeLab.Tests.Cli;

/// <summary>
/// The help texts are part of the interface: a change to one must be deliberate. The top-level help is snapshotted in
/// Cli/Snapshots/help.txt and every command's (found by walking the root command, so a new command is covered without
/// touching this file) in Cli/Snapshots/help/&lt;command&gt;.txt (a subcommand as &lt;parent&gt;.&lt;child&gt;.txt).
/// When one fails: read the first differing line in the message; if the change is intended (a new option, a new
/// description), run these tests with SAELAB_UPDATE_SNAPSHOTS=1, review the snapshot's diff and commit it with the
/// change; if not, fix the code. A new command fails until its snapshot is written the same way; a removed command's
/// snapshot must be deleted by hand.
/// </summary>
public sealed class HelpSnapshotTests
{
    private const string InstalledName = "saelab";

    private static readonly string SnapshotFolder = Path.Combine(TestData.RepositoryRoot, "tests", "SaeLab.Tests", "Cli", "Snapshots");

    private static readonly string CommandSnapshotFolder = Path.Combine(SnapshotFolder, "help");

    /// <summary>Every visible command's path below the root, words joined by spaces (<c>label-ops</c>).</summary>
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (string command in CommandPaths(SaeLabCli.BuildRoot(), ""))
        {
            data.Add(command);
        }

        return data;
    }

    [Fact]
    public void TopLevelHelp_MatchesTheSnapshot() => AssertHelpMatches(Path.Combine(SnapshotFolder, "help.txt"), []);

    [Theory]
    [MemberData(nameof(Commands))]
    public void CommandHelp_MatchesTheSnapshot(string command) =>
        AssertHelpMatches(CommandSnapshot(command), command.Split(' '));

    [Fact]
    public void EverySnapshot_NamesACommand()
    {
        var expected = CommandPaths(SaeLabCli.BuildRoot(), "").Select(CommandSnapshot).ToHashSet();

        string[] stale = Directory.GetFiles(CommandSnapshotFolder, "*.txt").Where(file => !expected.Contains(file)).ToArray();

        Assert.True(stale.Length == 0, $"help snapshots of no command (delete them if the command was removed): {string.Join(", ", stale.Select(Path.GetFileName))}");
    }

    private static void AssertHelpMatches(string snapshot, string[] command)
    {
        string actual = Help(command);
        SnapshotFile.AssertMatches(snapshot, SnapshotFile.Read(snapshot, actual), actual);
    }

    private static string Help(string[] command)
    {
        CliResult result = CliRunner.Run([.. command, "--help"]);
        Assert.Equal(0, result.ExitCode);
        // The usage line starts with the executable's name: "testhost" under the test host, "saelab" installed.
        string runningAs = SaeLabCli.BuildRoot().Name;
        return SnapshotFile.Normalise(result.Output)
            .Replace($"\n  {runningAs} ", $"\n  {InstalledName} ", StringComparison.Ordinal);
    }

    private static string CommandSnapshot(string command) => Path.Combine(CommandSnapshotFolder, command.Replace(' ', '.') + ".txt");

    private static IEnumerable<string> CommandPaths(Command parent, string prefix)
    {
        foreach (Command command in parent.Subcommands.Where(c => !c.Hidden))
        {
            string path = prefix.Length == 0 ? command.Name : $"{prefix} {command.Name}";
            yield return path;
            foreach (string child in CommandPaths(command, path))
            {
                yield return child;
            }
        }
    }
}
