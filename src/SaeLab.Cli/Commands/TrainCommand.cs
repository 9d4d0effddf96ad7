using System.CommandLine;
using System.Globalization;
using SaeLab.Cli.Progress;
using SaeLab.Data;
using SaeLab.Data.Shards;
using SaeLab.Tensors;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Checkpoints;
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
        var features = new Option<int?>("--features") { Description = "Dictionary size m (or give --expansion)" };
        var expansion = new Option<double?>("--expansion") { Description = "Dictionary size as a multiple of the input dimension d (or give --features)" };
        var l1 = new Option<double?>("--l1")
        {
            Description = $"Sparsity penalty weight: relu's L1 against the per-element MSE (the seed's units), jumprelu's L0 and gated's L1 against the per-vector squared error (SAELens's units) [default: {Defaults.L1.ToString(CultureInfo.InvariantCulture)}]",
        };
        var epochs = new Option<int?>("--epochs") { Description = $"Passes over the data [default: {Defaults.Epochs}]" };
        var batchSize = new Option<int?>("--batch-size") { Description = $"Vectors per Adam step [default: {Defaults.BatchSize}]" };
        var lr = new Option<double?>("--lr") { Description = $"Adam learning rate [default: {Defaults.LearningRate.ToString(CultureInfo.InvariantCulture)}]" };
        var seed = new Option<int?>("--seed") { Description = $"Seed for the initial weights and the shuffles [default: {Defaults.Seed}]" };
        var threads = new Option<int?>("--threads") { Description = "Compute threads [default: all cores]" };
        var arch = new Option<string?>("--arch") { Description = $"Architecture: {string.Join(", ", SaeTrainingArchitectures.Names)} [default: {Defaults.Architecture}]" };
        var k = new Option<int?>("--k") { Description = "Features kept per input (topk, batchtopk, matryoshka)" };
        var auxK = new Option<double?>("--aux-k-coefficient")
        {
            Description = $"Weight of the normalised AuxK loss (topk family) against the per-vector squared error (dictionary_learning's units) [default: {Defaults.AuxKCoefficient.ToString(CultureInfo.InvariantCulture)}]",
        };
        var deadTokens = new Option<long?>("--dead-tokens") { Description = $"Vectors without firing after which a feature is dead, for AuxK [default: {Defaults.DeadTokens}]" };
        var bandwidth = new Option<double?>("--bandwidth") { Description = $"JumpReLU straight-through bandwidth [default: {Defaults.Bandwidth.ToString(CultureInfo.InvariantCulture)}]" };
        var initialThreshold = new Option<double?>("--initial-threshold") { Description = $"JumpReLU initial threshold [default: {Defaults.InitialThreshold.ToString(CultureInfo.InvariantCulture)}]" };
        var applyBDec = new Option<bool?>("--apply-b-dec-to-input")
        {
            Description = "true: the encoder sees x − b_dec (SAELens, dictionary_learning, sparsify); false: x itself (the seed's) [default: false for relu, true for the others]",
        };
        var mseReduction = new Option<string?>("--mse-reduction")
        {
            Description = $"Reconstruction term: {string.Join(" or ", SaeTrainingConfig.MseReductions)}; sum: the squared error summed over the dimensions, mean over the batch (the references' units); mean: over the dimensions too (the seed's) [default: mean for relu, sum for the others]",
        };
        var matryoshkaWidths = new Option<string?>("--matryoshka-widths")
        {
            Description = "Matryoshka's nested prefix widths, increasing, comma-separated, e.g. 128,512,1024 (the full dictionary is always the last) [default: m/16,m/8,m/4,m/2]",
        };
        var quiet = new Option<bool>("--quiet") { Description = "Print no progress" };
        var command = new Command("train", "Train a sparse autoencoder (ReLU by default: MSE + l1·|z|; or --arch topk, batchtopk, jumprelu, gated, matryoshka) with Adam on activation vectors.")
        {
            data, output, features, expansion, l1, epochs, batchSize, lr, seed, threads, arch, k, auxK, deadTokens, bandwidth, initialThreshold,
            applyBDec, mseReduction, matryoshkaWidths, quiet,
        };
        var loadFlags = new ActivationLoadFlags();
        loadFlags.AddTo(command);
        var streaming = new StreamingTrainFlags();
        streaming.AddTo(command);
        var supervisedFlags = new SupervisedTrainFlags();
        supervisedFlags.AddTo(command);
        var checkpointFlags = new CheckpointTrainFlags();
        checkpointFlags.AddTo(command);
        var methodFlags = new TrainingMethodFlags();
        methodFlags.AddTo(command);
        var weightsDType = new WeightsDTypeFlag();
        weightsDType.AddTo(command);

        // The explicit options over baseline: the defaults for a fresh run, the checkpoint's settings for --resume.
        SaeTrainingConfig ReadConfig(ParseResult parseResult, SaeTrainingConfig baseline) => new()
        {
            Features = parseResult.GetValue(features) ?? (parseResult.GetValue(expansion) is null ? baseline.Features : null),
            Expansion = parseResult.GetValue(expansion) ?? (parseResult.GetValue(features) is null ? baseline.Expansion : null),
            L1 = parseResult.GetValue(l1) ?? baseline.L1,
            Epochs = parseResult.GetValue(epochs) ?? baseline.Epochs,
            BatchSize = parseResult.GetValue(batchSize) ?? baseline.BatchSize,
            LearningRate = parseResult.GetValue(lr) ?? baseline.LearningRate,
            Seed = parseResult.GetValue(seed) ?? baseline.Seed,
            Threads = parseResult.GetValue(threads) ?? baseline.Threads,
            Architecture = parseResult.GetValue(arch) ?? baseline.Architecture,
            K = parseResult.GetValue(k) ?? baseline.K,
            AuxKCoefficient = parseResult.GetValue(auxK) ?? baseline.AuxKCoefficient,
            DeadTokens = parseResult.GetValue(deadTokens) ?? baseline.DeadTokens,
            Bandwidth = parseResult.GetValue(bandwidth) ?? baseline.Bandwidth,
            InitialThreshold = parseResult.GetValue(initialThreshold) ?? baseline.InitialThreshold,
            ApplyBDecToInput = parseResult.GetValue(applyBDec) ?? baseline.ApplyBDecToInput,
            MseReduction = parseResult.GetValue(mseReduction) ?? baseline.MseReduction,
            MatryoshkaWidths = parseResult.GetValue(matryoshkaWidths) is { } widths ? CommaSeparatedIntegers.Parse(widths, "--matryoshka-widths", "128,512,1024") : baseline.MatryoshkaWidths,
            Methods = methodFlags.Read(parseResult, baseline.Methods),
        };

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
