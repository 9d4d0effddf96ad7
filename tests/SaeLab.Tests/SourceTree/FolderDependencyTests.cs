using System.Text.RegularExpressions;

namespace SaeLab.Tests.SourceTree;

/// <summary>
/// The library's top-level folders (one namespace each) point one way: no folder reaches, through any chain of others,
/// back to itself. A folder depends on another through a <c>using</c>, a qualified name in code (<c>Training.Methods.X</c>:
/// a name the other folder's namespace declares, so that a property such as <c>tensor.Data.AsSpan</c> is not one), or a
/// doc comment's <c>cref</c> (which the compiler resolves too).
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string Library = Path.Combine(TestData.RepositoryRoot, "src", "SaeLab");

    // Each folder's namespace → the type and sub-namespace names declared directly in it.
    private static readonly Dictionary<string, HashSet<string>> Declared = typeof(SaeLabException).Assembly.GetTypes()
        .Where(type => type.Namespace?.StartsWith("SaeLab.", StringComparison.Ordinal) == true && !type.IsNested)
        .Select(type => type.Namespace!["SaeLab.".Length..].Split('.').Append(type.Name.Split('`')[0]).ToArray())
        .GroupBy(parts => parts[0], parts => parts[1])
        .ToDictionary(group => group.Key, group => group.ToHashSet());

    [Fact]
    public void TheLibrarysFolders_HaveNoCycle()
    {
        Dictionary<string, HashSet<string>> graph = DependencyGraph();

        List<string> cycles = [.. graph.Keys.Select(folder => CycleThrough(folder, graph)).OfType<string>().Distinct()];

        Assert.True(cycles.Count == 0, "folder cycles: " + string.Join("; ", cycles));
    }

    [Fact]
    public void TheGraph_SeesUsingsQualifiedNamesAndCrefs()
    {
        string[] folders = ["Training", "Sae", "Data"];

        Assert.Equal(["Sae"], References("using SaeLab.Sae;", folders));
        Assert.Equal(["Training"], References("var x = Training.Methods.TrainingVectors.SampleChoiceStep;", folders));
        Assert.Equal(["Data"], References("/// see <see cref=\"Data.Shards.ChunkShuffle\"/>", folders));
        Assert.Empty(References("/// the trainer's <c>Training.SaeTrainer</c> shuffle", folders));
        Assert.Empty(References("return result.Training.Sae ?? Data.AsSpan(0, 2);", folders));
    }

    // Folder → the other folders its files refer to.
    private static Dictionary<string, HashSet<string>> DependencyGraph()
    {
        string[] folders = [.. Directory.GetDirectories(Library).Select(Path.GetFileName).OfType<string>().Where(name => name is not ("bin" or "obj"))];
        return folders.ToDictionary(
            folder => folder,
            folder => Directory.EnumerateFiles(Path.Combine(Library, folder), "*.cs", SearchOption.AllDirectories)
                .SelectMany(file => References(File.ReadAllText(file), folders))
                .Where(other => other != folder)
                .ToHashSet());
    }

    private static IEnumerable<string> References(string source, IReadOnlyCollection<string> folders)
    {
        foreach (string line in source.Split('\n'))
        {
            string trimmed = line.TrimStart();
            IEnumerable<Match> matches = trimmed.StartsWith("///", StringComparison.Ordinal) || trimmed.StartsWith("//", StringComparison.Ordinal)
                ? CrefPattern().Matches(trimmed)
                : CodePattern().Matches(trimmed);
            foreach (Match match in matches)
            {
                string folder = match.Groups["folder"].Value;
                if (folders.Contains(folder) && (match.Groups["name"].Value is "" || Declared.GetValueOrDefault(folder)?.Contains(match.Groups["name"].Value) == true))
                {
                    yield return folder;
                }
            }
        }
    }

    // A path from folder back to itself, as "A → B → A", or null.
    private static string? CycleThrough(string folder, Dictionary<string, HashSet<string>> graph)
    {
        var path = new Stack<string>();
        var seen = new HashSet<string>();
        return Search(folder);

        string? Search(string current)
        {
            path.Push(current);
            foreach (string next in graph[current].Order(StringComparer.Ordinal))
            {
                if (next == folder)
                {
                    return string.Join(" → ", path.Reverse().Append(folder));
                }

                if (seen.Add(next) && Search(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.Pop();
            return null;
        }
    }

    // using SaeLab.X; or X.Name (after SaeLab. or not after a dot: result.Training.Sae is a member access).
    [GeneratedRegex(@"(?:\bSaeLab\.|(?<![.\w]))(?<folder>[A-Z]\w*)\.(?<name>[A-Z]\w*)|\busing SaeLab\.(?<folder>[A-Z]\w*)\b")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"cref=""(?:SaeLab\.)?(?<folder>[A-Z]\w*)\.")]
    private static partial Regex CrefPattern();
}
