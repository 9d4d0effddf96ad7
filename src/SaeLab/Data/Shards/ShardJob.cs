namespace SaeLab.Data.Shards;

/// <summary>
/// One <c>saelab shard</c> run: split one activation set, or concatenate several sets and shard folders, into a new
/// shard folder. safetensors and <c>.npy</c> files and shard folders are streamed; other formats, and a file given side
/// metadata, are loaded whole (the loader merges the side file).
/// </summary>
public sealed record ShardJob
{
    /// <summary>Activation files or shard folders, in the order their rows are concatenated.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>A new or empty folder.</summary>
    public required string Output { get; init; }

    public ShardingConfig Config { get; init; } = new();

    /// <summary>How the inputs are read; its <see cref="ActivationLoadOptions.SkipNonFinite"/> applies to the streamed ones too.</summary>
    public ActivationLoadOptions Load { get; init; } = new();

    /// <summary>Checks the settings, that side metadata has one file to go with, and that the output is new and not an input.</summary>
    public void Validate()
    {
        Config.Validate();
        Load.Validate();
        SaeLabException.Require(
            Load.MetadataPath is null || (Inputs.Count == 1 && !ShardIndex.IsShardFolder(Inputs[0])),
            "--metadata gives the columns of one activation file: give exactly one input file with it");
        string folder = Path.GetFullPath(Output).TrimEnd(Path.DirectorySeparatorChar);
        if (Inputs.Any(input => Path.GetFullPath(input).TrimEnd(Path.DirectorySeparatorChar) == folder))
        {
            throw SaeLabException.ForFile(Output, "is both an input and the output", "write the shards to another folder");
        }

        if (Directory.Exists(Output) && Directory.EnumerateFileSystemEntries(Output).Any())
        {
            throw SaeLabException.ForFile(Output, "output folder is not empty", "give a new or empty folder, so that no old shard is mixed in");
        }
    }

    /// <summary>Writes the shards and <c>index.json</c>; returns the index and how many streamed vectors were skipped as non-finite.</summary>
    public (ShardIndex Index, long SkippedNonFinite) Run()
    {
        Validate();
        var sources = new List<IRowSource>();
        try
        {
            sources.AddRange(Inputs.Select(Open));
            ShardIndex index = ShardWriter.Write(sources, Output, Config with { SkipNonFinite = Load.SkipNonFinite });
            return (index, sources.Sum(s => s.Rows) - index.Rows);
        }
        finally
        {
            sources.OfType<IDisposable>().ToList().ForEach(s => s.Dispose());
        }
    }

    // A streamed file is read through its header alone, so a side metadata file (which the loader merges) loads it whole;
    // the loader drops its non-finite vectors itself, the writer those of streamed sources.
    private IRowSource Open(string path)
    {
        if (ShardIndex.IsShardFolder(path))
        {
            return ShardSet.Open(path);
        }

        if (!File.Exists(path))
        {
            throw SaeLabException.ForFile(path, "no such file or shard folder");
        }

        return TensorHeader.CanRead(path) && Load.MetadataPath is null
            ? StreamedActivationFile.Open(path, Load.ActivationsKey)
            : new InMemoryRowSource(ActivationLoader.Load(path, Load));
    }
}
