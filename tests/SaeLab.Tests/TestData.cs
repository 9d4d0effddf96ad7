namespace SaeLab.Tests;

/// <summary>Locates the repository and the shared real-data folder (../shared/data beside the checkout).</summary>
internal static class TestData
{
    /// <summary>The value of <c>SAELAB_SHARED_DATA</c> that means "no shared data": the real-file tests then skip.</summary>
    public const string NoSharedData = "none";

    /// <summary>The folder holding SaeLab.slnx.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// The shared data folder: $SAELAB_SHARED_DATA when set (<see cref="NoSharedData"/> or a missing folder means
    /// absent; it never falls back, so a run can be made without the files), else ../shared/data beside the
    /// repository; null when absent, so that tests using real files can skip on machines without them.
    /// </summary>
    private static string? SharedDataDirectory { get; } = FindSharedData();

    /// <summary>
    /// The path of a shared data file; when the folder or the file is absent the calling test is reported as
    /// skipped, not passed (xunit v2 has no dynamic skip of its own: Xunit.SkippableFact's <c>[SkippableFact]</c> or
    /// <c>[SkippableTheory]</c> must mark the test).
    /// </summary>
    public static string RequireSharedFile(string name)
    {
        string? path = SharedDataDirectory is null ? null : Path.Combine(SharedDataDirectory, name);
        Skip.If(path is null || !File.Exists(path), $"needs {name} from the shared data folder (../shared/data beside the repository, or $SAELAB_SHARED_DATA)");
        return path!;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SaeLab.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SaeLab.slnx not found above the test binaries");
    }

    private static string? FindSharedData()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("SAELAB_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment != NoSharedData && Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        string beside = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
        return Directory.Exists(beside) ? beside : null;
    }
}
