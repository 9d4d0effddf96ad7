namespace SaeLab.Tests;

/// <summary>
/// A text snapshot kept in the repository. With <c>SAELAB_UPDATE_SNAPSHOTS=1</c> a test rewrites its snapshot from
/// what it produced (and still compares, so the run passes); without it a missing snapshot fails, saying how to write
/// one, and a differing one fails showing the first line that differs.
/// </summary>
internal static class SnapshotFile
{
    /// <summary>The environment variable that, set to 1, makes snapshot tests rewrite their snapshots.</summary>
    public const string UpdateVariable = "SAELAB_UPDATE_SNAPSHOTS";

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>
    /// The snapshot at <paramref name="path"/> with LF line endings, written from <paramref name="actual"/> first when
    /// updating; a missing snapshot fails the test.
    /// </summary>
    public static string Read(string path, string actual)
    {
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        if (!File.Exists(path))
        {
            Assert.Fail($"no snapshot {Relative(path)}: run the tests with {UpdateVariable}=1 to write it, read it, and commit it");
        }

        return Normalise(File.ReadAllText(path));
    }

    /// <summary>Fails, naming the snapshot and the first differing line, unless the two texts are equal.</summary>
    public static void AssertMatches(string path, string expected, string actual)
    {
        if (expected == actual)
        {
            return;
        }

        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        int line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        Assert.Fail(Difference(path, line + 1, LineOrEnd(expectedLines, line), LineOrEnd(actualLines, line)));
    }

    /// <summary>The message for a snapshot whose line <paramref name="lineNumber"/> (1-based) differs.</summary>
    public static string Difference(string path, int lineNumber, string expected, string actual, string? why = null) =>
        $"{Relative(path)} differs at line {lineNumber}{(why is null ? "" : $" ({why})")}:\n" +
        $"  snapshot: {expected}\n" +
        $"  actual:   {actual}\n" +
        $"If the change is intended, run the tests with {UpdateVariable}=1, review the snapshot's diff and commit it.";

    /// <summary>The text with CRLF line endings made LF, so that a checkout with autocrlf compares the same.</summary>
    public static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string LineOrEnd(string[] lines, int index) => index < lines.Length ? lines[index] : "(end of text)";

    private static string Relative(string path) => Path.GetRelativePath(TestData.RepositoryRoot, path);
}
