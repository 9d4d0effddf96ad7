using SaeLab.Data.Shards;
using SaeLab.Training.Supervised;

namespace SaeLab.Training.Streaming;

/// <summary>
/// What makes a streamed run supervised: the shard folder's problems are split as the probes split them (from its
/// problem and label columns, read once), the stream reads only the training problems' rows (<see cref="Rows"/>, renumbered
/// 0..n-1), and <see cref="Supervision"/> knows each renumbered row's class.
/// </summary>
internal sealed record StreamedSupervision(SupervisedConfig Config, SupervisedSplit Split, RowSubsetSource Rows, Supervision Supervision)
{
    /// <summary>Splits <paramref name="shards"/>'s problems by <paramref name="config"/>.</summary>
    public static StreamedSupervision Of(IRowSource shards, SupervisedConfig config)
    {
        SupervisedSplit split = SupervisedSplit.Of(RowSourceMetadata.Of(shards), config.SplitSettings);
        var rows = new RowSubsetSource(shards, split.Rows);
        var renumbered = split with { Rows = [.. Enumerable.Range(0, split.Rows.Length)] };
        return new StreamedSupervision(config, split, rows, new Supervision(config, renumbered));
    }
}
