using System.CommandLine;
using SaeLab.Data;
using SaeLab.Data.Shards;
using SaeLab.Formats;
using SaeLab.Tensors;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab shard INPUT... --out FOLDER</c>: split one activation set, or concatenate several, into a shard folder.</summary>
internal static class ShardCommand
{
    private static readonly ShardingConfig Defaults = new();

    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Activation files or shard folders; safetensors and .npy files and shard folders are streamed, other formats (and a file given --metadata) loaded whole",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "New (or empty) folder to write the shards and index.json into", Required = true };
        var rowsPerShard = new Option<int?>("--rows-per-shard")
        {
            Description = $"Vectors per shard [default: as many as fit in {ShardingConfig.DefaultShardBytes >> 20} MB of float32]",
        };
        var dtype = new Option<string?>("--dtype") { Description = $"Element type of the shards: f32, f16 or bf16 [default: {DTypeInfo.DisplayName(Defaults.DType)}]" };
        dtype.AcceptOnlyFromAmong("f32", "f16", "bf16");
        var command = new Command("shard", "Split an activation set into a shard folder (index.json + safetensors shards), or concatenate several sets or folders into one")
        {
            inputs, output, rowsPerShard, dtype,
        };
        var loadFlags = new ActivationLoadFlags();
        loadFlags.AddTo(command);
        command.SetAction(parse =>
        {
            ActivationLoadOptions load = loadFlags.Read(parse);
            var config = new ShardingConfig
            {
                RowsPerShard = parse.GetValue(rowsPerShard),
                DType = parse.GetValue(dtype) is string name ? FloatEncoding.Parse(name, "--dtype") : Defaults.DType,
                SkipNonFinite = load.SkipNonFinite,
            };
            config.Validate();
            load.Validate();
            string folder = parse.GetValue(output)!.FullName;
            string[] paths = parse.GetValue(inputs)!;
            CheckOutput(folder, paths);
            CheckSideMetadata(load, paths);
            var sources = new List<IRowSource>();
            try
            {
                sources.AddRange(paths.Select(path => Open(path, load)));
                ShardIndex index = ShardWriter.Write(sources, folder, config);
                if (sources.Sum(s => s.Rows) - index.Rows is > 0 and long dropped)
                {
                    load.Notify?.Invoke($"skipped {dropped} streamed vectors holding NaN or ±Inf");
                }

                parse.InvocationConfiguration.Output.WriteLine(
                    $"wrote {folder}: {index.Rows} x {index.Dim} {index.Dtype} in {index.Shards.Count} shards, " +
                    $"columns: {(index.Columns.Count == 0 ? "none" : string.Join(", ", index.Columns.Select(c => c.Name)))}");
            }
            finally
            {
                sources.OfType<IDisposable>().ToList().ForEach(s => s.Dispose());
            }

            return 0;
        });
        return command;
    }

    // A streamed file is read through its header alone, so a side metadata file (which the loader merges) loads it whole;
    // the loader drops its non-finite vectors itself, the writer those of streamed sources.
    private static IRowSource Open(string path, ActivationLoadOptions load)
    {
        if (ShardIndex.IsShardFolder(path))
        {
            return ShardSet.Open(path);
        }

        if (!File.Exists(path))
        {
            throw SaeLabException.ForFile(path, "no such file or shard folder");
        }

        return TensorHeader.CanRead(path) && load.MetadataPath is null
            ? StreamedActivationFile.Open(path, load.ActivationsKey)
            : new InMemoryRowSource(ActivationLoader.Load(path, load));
    }

    private static void CheckSideMetadata(ActivationLoadOptions load, string[] inputs)
    {
        if (load.MetadataPath is not null && (inputs.Length != 1 || ShardIndex.IsShardFolder(inputs[0])))
        {
            throw new SaeLabException("--metadata gives the columns of one activation file: give exactly one input file with it");
        }
    }

    private static void CheckOutput(string folder, IEnumerable<string> inputs)
    {
        if (inputs.Any(input => Path.GetFullPath(input).TrimEnd(Path.DirectorySeparatorChar) == folder.TrimEnd(Path.DirectorySeparatorChar)))
        {
            throw SaeLabException.ForFile(folder, "is both an input and the output", "write the shards to another folder");
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw SaeLabException.ForFile(folder, "output folder is not empty", "give a new or empty folder, so that no old shard is mixed in");
        }
    }
}
