namespace SaeLab.Cli.Commands;

/// <summary>How figures title an SAE given on the command line: its folder's (or checkpoint file's) name, as an experiment names it by its entry.</summary>
internal static class SaeDisplayName
{
    /// <summary>The last part of <paramref name="path"/>: <c>runs/codi20-sae/</c> gives <c>codi20-sae</c>.</summary>
    public static string Of(string path) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
}
