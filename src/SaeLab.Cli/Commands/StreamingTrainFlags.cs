using System.CommandLine;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Streaming;

namespace SaeLab.Cli.Commands;

/// <summary>
/// <c>train</c>'s streaming flags (<c>--max-memory</c>, <c>--chunk-rows</c>, <c>--sample-rows</c>), which a shard folder
/// needs (<see cref="StreamingTrainer"/>); defaults stay in <see cref="StreamingConfig"/>.
/// </summary>
internal sealed class StreamingTrainFlags
{
    private static readonly StreamingConfig Defaults = new();

    private readonly Option<string?> _maxMemory = new("--max-memory")
    {
        Description = "Memory cap for training on a shard folder, e.g. 512MB or 2GB (binary units); required with a shard folder",
    };

    private readonly Option<int?> _chunkRows = new("--chunk-rows")
    {
        Description = $"Rows read and shuffled as one unit when streaming a shard folder [default: {Defaults.ChunkRows}]",
    };

    private readonly Option<int?> _sampleRows = new("--sample-rows")
    {
        Description = "Rows drawn at random from a shard folder before training for --normalize-inputs, --b-dec-init mean|geometric_median " +
            $"and --resample-every (fewer if --max-memory leaves no room) [default: {Defaults.SampleRows}]",
    };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_maxMemory);
        command.Options.Add(_chunkRows);
        command.Options.Add(_sampleRows);
    }

    /// <summary>
    /// The streaming settings, or null when none of the flags is given (a file is loaded whole); without
    /// <c>--max-memory</c> the cap is 0, which <see cref="SaeLab.Training.Jobs.TrainingJob"/> refuses for a shard folder.
    /// </summary>
    public StreamingConfig? Read(ParseResult parse)
    {
        string? cap = parse.GetValue(_maxMemory);
        if (cap is null && parse.GetValue(_chunkRows) is null && parse.GetValue(_sampleRows) is null)
        {
            return null;
        }

        return new StreamingConfig
        {
            MaxMemoryBytes = cap is null ? 0 : StreamingConfig.ParseBytes(cap, "--max-memory"),
            ChunkRows = parse.GetValue(_chunkRows) ?? Defaults.ChunkRows,
            SampleRows = parse.GetValue(_sampleRows) ?? Defaults.SampleRows,
        };
    }

    /// <summary>On <c>--resume</c>: a given <c>--chunk-rows</c> must be the checkpoint's, which fixed the row order.</summary>
    public void CheckMatches(ParseResult parse, TrainingCheckpointState state)
    {
        if (parse.GetValue(_chunkRows) is int rows && state.Streaming is { } order && rows != order.ChunkRows)
        {
            throw new SaeLabException($"--chunk-rows {rows} differs from the checkpoint's {order.ChunkRows}: drop it, a resumed run keeps its row order");
        }
    }
}
