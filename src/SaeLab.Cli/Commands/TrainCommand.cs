using System.CommandLine;
using System.Globalization;
using SaeLab.Cli.Progress;
using SaeLab.Data;
using SaeLab.Data.Shards;
using SaeLab.Tensors;
using SaeLab.Training;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Methods;
using SaeLab.Training.Supervised;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab train</c>: trains the seed's ReLU SAE on an activation file and writes its folder.</summary>
internal static class TrainCommand
{
    private static readonly SaeTrainingConfig Defaults = new();

    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "Activation file ([N, d] vectors; see the data formats), or a shard folder (streamed; needs --max-memory); required unless --resume" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write cfg.json, sae_weights.safetensors and training.json into; required unless --resume" };
        var quiet = new Option<bool>("--quiet") { Description = "Print no progress" };
        var command = new Command("train", "Train a sparse autoencoder (ReLU by default: MSE + l1·|z|; or --arch topk, batchtopk, jumprelu, gated, matryoshka) with Adam on activation vectors.")
        {
            data, output,
        };
        var trainingFlags = new SettingFlags<SaeTrainingConfig>();
        trainingFlags.AddTo(command);
        command.Options.Add(quiet);
        var loadFlags = new ActivationLoadFlags();
        loadFlags.AddTo(command);
        var streaming = new StreamingTrainFlags();
        streaming.AddTo(command);
        var supervisedFlags = new SupervisedTrainFlags();
        supervisedFlags.AddTo(command);
        var checkpointFlags = new CheckpointTrainFlags();
        checkpointFlags.AddTo(command);
        var methodFlags = new SettingFlags<TrainingMethods>();
        methodFlags.AddTo(command);
        var weightsDType = new WeightsDTypeFlag();
        weightsDType.AddTo(command);

        // The explicit options over baseline: the defaults for a fresh run, the checkpoint's settings for --resume.
        SaeTrainingConfig ReadConfig(ParseResult parseResult, SaeTrainingConfig baseline) =>
            trainingFlags.Read(parseResult, baseline) with { Methods = methodFlags.Read(parseResult, baseline.Methods) };

        command.SetAction(parseResult =>
        {
            string? resumeFolder = checkpointFlags.ResumeFolder(parseResult);
            if (resumeFolder is not null)
            {
                return Resume(parseResult, resumeFolder, checkpointFlags, ReadConfig, loadFlags, streaming, supervisedFlags, data, output, parseResult.GetValue(quiet), weightsDType.Read(parseResult));
            }

            SaeTrainingConfig config = ReadConfig(parseResult, Defaults);
            config.Validate();
            string dataPath = (parseResult.GetValue(data) ?? throw new SaeLabException("--data is required (or --resume OUT to continue a run)")).FullName;
            string outputPath = (parseResult.GetValue(output) ?? throw new SaeLabException("--out is required (or --resume OUT to continue a run)")).FullName;
            SupervisedConfig? supervised = supervisedFlags.Read(parseResult);
            if (ShardIndex.IsShardFolder(dataPath))
            {
                if (supervised is not null)
                {
                    throw new SaeLabException("--supervised-weight needs the vectors in memory: give an activation file, not a shard folder (the split holds out whole problems, which the shard stream cannot skip)");
                }

                return streaming.Train(
                    parseResult, dataPath, outputPath, config, checkpointFlags.RequestedOptions(parseResult, outputPath), parseResult.GetValue(quiet), weightsDType.Read(parseResult));
            }

            streaming.RejectForFile(parseResult);
            ActivationSet activations = ActivationLoader.Load(dataPath, loadFlags.Read(parseResult));
            TrainingCheckpointOptions? checkpoints = checkpointFlags.Options(parseResult, outputPath);
            if (supervised is not null)
            {
                return SupervisedTrainFlags.Finish(
                    parseResult, config, dataPath, outputPath, parseResult.GetValue(quiet), weightsDType.Read(parseResult),
                    progress => checkpoints is null
                        ? SupervisedSaeTrainer.Train(activations, config, supervised, progress)
                        : SupervisedSaeTrainer.Train(activations, config, supervised, checkpoints, progress));
            }

            int[] rows = [.. Enumerable.Range(0, activations.Count)];
            return Finish(
                parseResult, config, dataPath, outputPath, activations.Count, parseResult.GetValue(quiet), weightsDType.Read(parseResult),
                progress => checkpoints is null
                    ? SaeTrainer.Train(activations, rows, config, progress)
                    : SaeTrainer.Train(activations, rows, config, checkpoints, progress));
        });
        return command;
    }

    private static int Resume(
        ParseResult parseResult, string folder, CheckpointTrainFlags checkpointFlags, Func<ParseResult, SaeTrainingConfig, SaeTrainingConfig> readConfig,
        ActivationLoadFlags loadFlags, StreamingTrainFlags streaming, SupervisedTrainFlags supervisedFlags,
        Option<FileInfo> data, Option<DirectoryInfo> output, bool quiet, DType weightsDType)
    {
        string checkpointFolder = TrainingCheckpoint.FolderIn(folder);
        TrainingCheckpointState state = TrainingCheckpoint.ReadState(checkpointFolder);
        checkpointFlags.CheckMatches(
            parseResult, state, readConfig(parseResult, state.Config), parseResult.GetValue(data)?.FullName, parseResult.GetValue(output)?.FullName, folder);
        supervisedFlags.CheckMatches(parseResult, state.Supervised);
        if (state.Streaming is not null)
        {
            return streaming.Resume(parseResult, state, checkpointFolder, folder, quiet, weightsDType);
        }

        streaming.RejectForFile(parseResult);
        ActivationSet activations = ActivationLoader.Load(state.Data, loadFlags.Read(parseResult));
        if (state.Supervised is not null)
        {
            return SupervisedTrainFlags.Finish(
                parseResult, state.Config, state.Data, folder, quiet, weightsDType,
                progress => SupervisedSaeTrainer.Resume(activations, checkpointFolder, progress));
        }

        return Finish(
            parseResult, state.Config, state.Data, folder, activations.Count, quiet, weightsDType,
            progress => SaeTrainer.Resume(activations, [.. Enumerable.Range(0, activations.Count)], checkpointFolder, progress));
    }

    // Trains, writes the SAE folder, then drops the checkpoints, which a finished run no longer needs.
    private static int Finish(
        ParseResult parseResult, SaeTrainingConfig config, string dataPath, string outputPath, int vectors, bool quiet, DType weightsDType,
        Func<IProgress<TrainingProgress>?, TrainingResult> train)
    {
        TrainingResult result = TrainingProgressDisplay.Run(parseResult.InvocationConfiguration.Error, quiet, train);
        TrainedSaeFolder.Save(outputPath, result, config, dataPath, vectors, weightsDType);
        DropCheckpoints(outputPath);
        parseResult.InvocationConfiguration.Output.WriteLine(Summary(result, vectors, outputPath));
        return 0;
    }

    /// <summary>Deletes the checkpoints of the finished run in <paramref name="outputPath"/>, if it wrote any.</summary>
    internal static void DropCheckpoints(string outputPath)
    {
        string checkpoints = TrainingCheckpoint.FolderIn(outputPath);
        if (Directory.Exists(checkpoints))
        {
            Directory.Delete(checkpoints, recursive: true);
        }
    }

    /// <summary>The line a finished run prints.</summary>
    internal static string Summary(TrainingResult result, int vectors, string outputPath)
    {
        EpochStats last = result.Epochs[^1];
        return string.Create(
            CultureInfo.InvariantCulture,
            $"trained {result.Sae.DIn} -> {result.Sae.DSae} SAE on {vectors} vectors in {result.Seconds:F1} s: " +
            $"loss {last.Loss:G5}, mse {last.Reconstruction:G5}, l0 {last.L0:F1}; wrote {outputPath}");
    }
}
