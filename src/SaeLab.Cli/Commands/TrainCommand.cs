using System.CommandLine;
using SaeLab.Cli.Progress;
using SaeLab.Data.Shards;
using SaeLab.Reports;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Jobs;
using SaeLab.Training.Methods;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab train</c>: maps its flags onto a <see cref="TrainingJob"/> (fresh, or resumed from a checkpoint), runs it with progress and prints what it wrote.</summary>
internal static class TrainCommand
{
    private static readonly SaeTrainingConfig Defaults = new();

    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "Activation file ([N, d] vectors; see the data formats), or a shard folder (streamed; needs --max-memory); required unless --resume" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write cfg.json, sae_weights.safetensors and training.json into; required unless --resume" };
        var quiet = new Option<bool>("--quiet") { Description = "Print no progress" };
        var force = new Option<bool>("--force") { Description = "Replace the SAE folder --out already holds (without it, an existing SAE is refused)" };
        var command = new Command("train", $"Train a sparse autoencoder (ReLU by default: MSE + l1·|z|; or --arch {string.Join(", ", SaeArchitectures.All.Where(a => !a.IsSeedRelu).Select(a => a.Name))}) with Adam on activation vectors.")
        {
            data, output,
        };
        var trainingFlags = new SettingFlags<SaeTrainingConfig>();
        trainingFlags.AddTo(command);
        command.Options.Add(quiet);
        command.Options.Add(force);
        var loadFlags = new ActivationLoadFlags();
        loadFlags.AddTo(command);
        var streaming = new StreamingTrainFlags();
        streaming.AddTo(command);
        var split = new ProblemSplitFlags("--supervised-weight or --vectors train|test");
        var supervisedFlags = new SupervisedTrainFlags(split);
        supervisedFlags.AddTo(command);
        var vectorFlags = new HeldOutVectorFlags(
            split, "Which vectors to train on: all, train (the probes' training problems only, so that eval --vectors test and the probes' test problems stay unseen) or test");
        vectorFlags.AddTo(command);
        split.AddTo(command);
        var checkpointFlags = new CheckpointTrainFlags();
        checkpointFlags.AddTo(command);
        var methodFlags = new SettingFlags<TrainingMethods>();
        methodFlags.AddTo(command);
        var save = new SaeSaveFlags();
        save.AddTo(command);

        // The explicit options over baseline: the defaults for a fresh run, the checkpoint's settings for --resume.
        SaeTrainingConfig ReadConfig(ParseResult parseResult, SaeTrainingConfig baseline) =>
            trainingFlags.Read(parseResult, baseline) with { Methods = methodFlags.Read(parseResult, baseline.Methods) };

        command.SetAction(parseResult =>
        {
            TrainingJob job;
            string? resumeFolder = checkpointFlags.ResumeFolder(parseResult);
            if (resumeFolder is { } folder)
            {
                TrainingCheckpointState state = TrainingCheckpoint.ReadState(TrainingCheckpoint.FolderIn(folder));
                var given = new ResumeRequest
                {
                    Config = ReadConfig(parseResult, state.Config),
                    Data = parseResult.GetValue(data)?.FullName,
                    Output = parseResult.GetValue(output)?.FullName,
                    CheckpointEvery = checkpointFlags.Every(parseResult),
                    Supervised = supervisedFlags.Read(parseResult),
                    SubsetGiven = vectorFlags.Given(parseResult),
                    Subset = vectorFlags.Read(parseResult),
                    ChunkRows = streaming.ChunkRows(parseResult),
                };
                job = TrainingJob.ToResume(folder, streaming.Read(parseResult), loadFlags.Read(parseResult), save.Read(parseResult, state.Save), given);
                if (!parseResult.GetValue(quiet))
                {
                    parseResult.InvocationConfiguration.Error.WriteLine(
                        $"resuming {folder} from step {state.Steps}: epoch {state.Epoch} of {state.Config.Epochs}, {state.Totals.Batches} of its batches done");
                }
            }
            else
            {
                string dataPath = (parseResult.GetValue(data) ?? throw new SaeLabException("--data is required (or --resume OUT to continue a run)")).FullName;
                string outputPath = (parseResult.GetValue(output) ?? throw new SaeLabException("--out is required (or --resume OUT to continue a run)")).FullName;
                bool streams = ShardIndex.IsShardFolder(dataPath);
                job = new TrainingJob
                {
                    Data = dataPath,
                    Output = outputPath,
                    Config = ReadConfig(parseResult, Defaults),
                    Load = loadFlags.Read(parseResult),
                    Streaming = streaming.Read(parseResult),
                    Supervised = supervisedFlags.Read(parseResult),
                    Subset = vectorFlags.Read(parseResult),
                    // Under a memory cap checkpoints cost room, so a stream writes them only when asked.
                    Checkpoints = streams ? checkpointFlags.RequestedOptions(parseResult, outputPath) : checkpointFlags.Options(parseResult, outputPath),
                    Save = save.Read(parseResult),
                    Overwrite = parseResult.GetValue(force),
                };
            }

            if (job.Supervised is null && job.Subset is null && resumeFolder is null)
            {
                split.RefuseUnused(parseResult);
            }

            job.Validate();
            using var interrupt = new InterruptSignal();
            try
            {
                TrainingJobResult result = TrainingProgressDisplay.Run(
                    parseResult.InvocationConfiguration.Error,
                    parseResult.GetValue(quiet),
                    progress => resumeFolder is not null ? job.Resume(progress, interrupt.Token) : job.Run(progress, interrupt.Token));
                parseResult.InvocationConfiguration.Output.Write(TrainingJobReport.Text(result));
                return 0;
            }
            catch (OperationCanceledException stopped) when (interrupt.Token.IsCancellationRequested)
            {
                parseResult.InvocationConfiguration.Error.WriteLine(Interrupted(stopped, job));
                return InterruptSignal.ExitCode;
            }
        });
        return command;
    }

    /// <summary>What an interrupted run kept and how to go on.</summary>
    private static string Interrupted(OperationCanceledException stopped, TrainingJob job)
    {
        string resume = $"resume with: saelab train --resume {job.Output}" + (job.Streams ? " --max-memory SIZE (as before)" : "");
        return stopped switch
        {
            TrainingInterruptedException { Checkpoint: { } checkpoint } at => $"interrupted after step {at.Step}: checkpoint written to {checkpoint}\n{resume}",
            TrainingInterruptedException at => $"interrupted after step {at.Step}; nothing was saved (the run had no checkpoints: --checkpoint-every N keeps them)",
            _ when TrainingCheckpoint.Exists(TrainingCheckpoint.FolderIn(job.Output)) => $"interrupted before a step finished; the last checkpoint stands\n{resume}",
            _ => "interrupted before a step finished; nothing was saved",
        };
    }
}
