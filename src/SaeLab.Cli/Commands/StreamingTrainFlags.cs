using System.CommandLine;
using SaeLab.Training.Streaming;

namespace SaeLab.Cli.Commands;

/// <summary>
/// <c>train</c>'s streaming flags, declared on <see cref="StreamingConfig"/> (<c>--max-memory</c>, <c>--chunk-rows</c>,
/// <c>--sample-rows</c>), which a shard folder needs (<see cref="StreamingTrainer"/>).
/// </summary>
internal sealed class StreamingTrainFlags
{
    private readonly SettingFlags<StreamingConfig> _flags = new();

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command) => _flags.AddTo(command);

    /// <summary>
    /// The streaming settings, or null when none of the flags is given (a file is loaded whole); without
    /// <c>--max-memory</c> the cap is 0, which <see cref="SaeLab.Training.Jobs.TrainingJob"/> refuses for a shard folder.
    /// </summary>
    public StreamingConfig? Read(ParseResult parse) => _flags.AnyGiven(parse) ? _flags.Read(parse, new StreamingConfig()) : null;

    /// <summary>The <c>--chunk-rows</c> given, or null (a resume checks it against the checkpoint's, which fixed the row order).</summary>
    public int? ChunkRows(ParseResult parse) =>
        _flags.Given(parse, nameof(StreamingConfig.ChunkRows)) ? _flags.Read(parse, new StreamingConfig()).ChunkRows : null;
}
