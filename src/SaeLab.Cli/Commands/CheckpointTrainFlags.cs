using System.CommandLine;
using SaeLab.Training;
using SaeLab.Training.Checkpoints;

namespace SaeLab.Cli.Commands;

/// <summary>
/// <c>train</c>'s checkpoint flags: <c>--checkpoint-every N</c> writes <c>OUT/checkpoint/</c> every N steps
/// (<see cref="TrainingCheckpoint"/>; by default every <see cref="TrainingCheckpointOptions.DefaultEvery"/> steps for
/// every in-memory run, of any architecture and training method), and <c>--resume OUT</c> continues such a run
/// (<see cref="SaeTrainer.Resume"/>). A finished run deletes its checkpoint folder.
/// </summary>
internal sealed class CheckpointTrainFlags
{
    private readonly SettingFlags<TrainingCheckpointOptions> _every = new();

    private readonly Option<DirectoryInfo?> _resume = new("--resume")
    {
        Description = "Continue the interrupted run whose --out folder this is, from its checkpoint, with its settings",
    };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        _every.AddTo(command);
        command.Options.Add(_resume);
    }

    /// <summary>The <c>--resume</c> folder, or null for a fresh run.</summary>
    public string? ResumeFolder(ParseResult parse) => parse.GetValue(_resume)?.FullName;

    /// <summary>
    /// The checkpoints of a streamed run into <paramref name="outputPath"/> when <c>--checkpoint-every</c> asks for them,
    /// else null: under a memory cap they cost room (<see cref="SaeLab.Training.Streaming.StreamingMemoryPlan"/>), so they are opt-in.
    /// </summary>
    public TrainingCheckpointOptions? RequestedOptions(ParseResult parse, string outputPath) =>
        Every(parse) is null ? null : Options(parse, outputPath);

    /// <summary>The checkpoints of a fresh run in memory or supervised into <paramref name="outputPath"/>, or null if there are none.</summary>
    public TrainingCheckpointOptions? Options(ParseResult parse, string outputPath)
    {
        int every = Every(parse) ?? TrainingCheckpointOptions.DefaultEvery;
        return every == 0 ? null : new TrainingCheckpointOptions { Directory = TrainingCheckpoint.FolderIn(outputPath), Every = every };
    }

    /// <summary>The <c>--checkpoint-every</c> given, or null.</summary>
    public int? Every(ParseResult parse) =>
        _every.AnyGiven(parse) ? _every.Read(parse, new TrainingCheckpointOptions()).Every : null;
}
