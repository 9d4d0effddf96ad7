using System.CommandLine;
using SaeLab.Data;
using SaeLab.Data.Shards;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab shard INPUT... --out FOLDER</c>: maps its flags onto a <see cref="ShardJob"/> and prints the folder it wrote.</summary>
internal static class ShardCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Activation files or shard folders; safetensors and .npy files and shard folders are streamed, other formats (and a file given --metadata) loaded whole",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "New (or empty) folder to write the shards and index.json into", Required = true };
        var command = new Command("shard", "Split an activation set into a shard folder (index.json + safetensors shards), or concatenate several sets or folders into one")
        {
            inputs, output,
        };
        var shardingFlags = new SettingFlags<ShardingConfig>();
        shardingFlags.AddTo(command);
        var loadFlags = new ActivationLoadFlags();
        loadFlags.AddTo(command);
        command.SetAction(parse =>
        {
            ActivationLoadOptions load = loadFlags.Read(parse);
            var job = new ShardJob
            {
                Inputs = parse.GetValue(inputs)!,
                Output = parse.GetValue(output)!.FullName,
                Config = shardingFlags.Read(parse, new ShardingConfig()),
                Load = load,
            };
            var (index, skipped) = job.Run();
            if (skipped > 0)
            {
                load.Notify?.Invoke($"skipped {skipped} streamed vectors holding NaN or ±Inf");
            }

            parse.InvocationConfiguration.Output.WriteLine(
                $"wrote {job.Output}: {index.Rows} x {index.Dim} {index.Dtype} in {index.Shards.Count} shards, " +
                $"columns: {(index.Columns.Count == 0 ? "none" : string.Join(", ", index.Columns.Select(c => c.Name)))}");
            return 0;
        });
        return command;
    }
}
