using SaeLab.Cli;
using SaeLab.Data;
using SaeLab.Data.Shards;
using SaeLab.Training;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Streaming;
using SaeLab.Training.Supervised;

namespace SaeLab.Tests.Training;

public sealed class TrainResumeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-resume-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("--lr 0.01", "--lr 0.01 (checkpoint: 0.001)")]
    [InlineData("--features 8", "--features 8 (checkpoint: 16)")]
    [InlineData("--checkpoint-every 3", "--checkpoint-every 3 (checkpoint: 5)")]
    public void Resume_WithAnOptionThatDiffersFromTheCheckpoint_IsRefused(string options, string difference)
    {
        string output = Checkpointed();

        var (code, stderr) = Run(["train", "--resume", output, .. options.Split(' ')]);

        Assert.Equal(SaeLabCli.InputErrorExitCode, code);
        Assert.Contains("error: --resume continues with the checkpoint's settings, and these options differ from them: " + difference, stderr);
    }

    [Fact]
    public void Resume_WithTheSameOptions_Finishes()
    {
        string output = Checkpointed();

        var (code, stderr) = Run("train", "--resume", output, "--features", "16", "--seed", "2", "--quiet");

        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.True(File.Exists(Path.Combine(output, "sae_weights.safetensors")));
        Assert.False(Directory.Exists(TrainingCheckpoint.FolderIn(output)));
    }

    [Fact]
    public void Resume_SaysWhichStepItContinuesFrom()
    {
        string output = Checkpointed();

        var (code, stderr) = Run("train", "--resume", output);

        Assert.Equal(0, code);
        Assert.Matches($"resuming {System.Text.RegularExpressions.Regex.Escape(output)} from step [0-9]+: epoch [0-9]+ of [0-9]+, [0-9]+ of its batches done", stderr);
    }

    [Fact]
    public void AnExistingSae_IsNotReplacedWithoutForce()
    {
        string output = Checkpointed();
        Assert.Equal(0, Run("train", "--resume", output, "--quiet").Code);
        string data = WriteData();

        var (refused, stderr) = Run("train", "--data", data, "--out", output, "--features", "4", "--epochs", "1", "--quiet");
        var (forced, _) = Run("train", "--data", data, "--out", output, "--features", "4", "--epochs", "1", "--quiet", "--force");

        Assert.Equal(SaeLabCli.InputErrorExitCode, refused);
        Assert.Contains("already holds a trained SAE", stderr);
        Assert.Equal(0, forced);
    }

    [Theory]
    [InlineData("train --resume {dir}", "no training checkpoint here")]
    [InlineData("train --out {dir}/x --features 4", "--data is required (or --resume OUT to continue a run)")]
    [InlineData("train --data {data} --out {dir}/x --features 4 --checkpoint-every -1", "--checkpoint-every must be a whole number of steps ≥ 1 (or 0 for no checkpoints), got -1")]
    public void BadCheckpointOptions_ExitWithCode2(string command, string message)
    {
        string data = WriteData();
        var (code, stderr) = Run(command.Replace("{dir}", _dir).Replace("{data}", data).Split(' '));
        Assert.Equal(SaeLabCli.InputErrorExitCode, code);
        Assert.Contains(message, stderr);
    }

    // The command line and the config of the same run: topk (AuxK's counters) and relu with resampling.
    [Theory]
    [InlineData("--arch topk --k 2 --dead-tokens 20")]
    [InlineData("--resample-every 4 --dead-tokens 20 --l1 3")]
    public void TopKAndResampling_CheckpointAndResumeFromTheCommandLine_ToTheUninterruptedWeights(string options)
    {
        string data = WriteData();
        string whole = Path.Combine(_dir, "whole");
        string[] run = ["--features", "16", "--epochs", "3", "--batch-size", "10", "--seed", "2", "--quiet", .. options.Split(' ')];
        var (code, stderr) = Run(["train", "--data", data, "--out", whole, "--checkpoint-every", "5", .. run]);
        Assert.True(code == 0, stderr);
        SaeTrainingConfig config = new() { Features = 16, Epochs = 3, BatchSize = 10, Seed = 2, DeadTokens = 20 };
        config = options.Contains("topk", StringComparison.Ordinal)
            ? config with { Architecture = "topk", K = 2 }
            : config with { L1 = 3, Methods = new SaeLab.Training.Methods.TrainingMethods { ResampleEvery = 4 } };
        string output = Checkpointed(config);

        (code, stderr) = Run("train", "--resume", output, "--quiet");

        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "sae_weights.safetensors")), File.ReadAllBytes(Path.Combine(output, "sae_weights.safetensors")));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "cfg.json")), File.ReadAllText(Path.Combine(output, "cfg.json")));
        Assert.Equal(LoggedMethods(whole), LoggedMethods(output));
    }

    [Fact]
    public void AShardFolder_CheckpointsWhenAskedAndResumesFromTheCommandLine_ToTheUninterruptedWeights()
    {
        string folder = Path.Combine(_dir, "shards");
        ShardWriter.Write([new InMemoryRowSource(SaeTrainerTests.Synthetic(count: 100, dim: 6, seed: 9))], folder, new ShardingConfig { RowsPerShard = 30 });
        string whole = Path.Combine(_dir, "whole");
        var (code, stderr) = Run("train", "--data", folder, "--out", whole, "--max-memory", "64GB", "--chunk-rows", "8", "--features", "16", "--epochs", "3", "--batch-size", "10", "--seed", "2", "--quiet");
        Assert.True(code == 0, stderr);
        string output = Path.Combine(_dir, "run");
        var config = new SaeTrainingConfig { Features = 16, Epochs = 3, BatchSize = 10, Seed = 2 };
        var streaming = new StreamingConfig { MaxMemoryBytes = 64L << 30, ChunkRows = 8 };
        using (ShardSet shards = ShardSet.Open(folder))
        {
            var progress = new SaeTrainerTests.InlineProgress(p => { if (p.Epoch == 2 && p.Batch == 7) throw new SimulatedKill(); });
            var checkpoints = new TrainingCheckpointOptions { Directory = TrainingCheckpoint.FolderIn(output), Every = 5 };
            Assert.Throws<SimulatedKill>(() => StreamingTrainer.Train(shards, config, streaming, checkpoints, progress));
        }

        (code, stderr) = Run("train", "--resume", output, "--max-memory", "64GB", "--quiet");

        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "sae_weights.safetensors")), File.ReadAllBytes(Path.Combine(output, "sae_weights.safetensors")));
        Assert.False(Directory.Exists(TrainingCheckpoint.FolderIn(whole)), "a streamed run writes no checkpoint unless asked");
        Assert.False(Directory.Exists(TrainingCheckpoint.FolderIn(output)), "a finished run drops its checkpoints");
    }

    [Fact]
    public void ASupervisedShardFolder_TrainsOnTheTrainingProblems_AndResumesToTheUninterruptedWeightsAndHead()
    {
        var (folder, whole) = LabelledShardsTrainedWith("--supervised-weight", "0.5");
        string output = Path.Combine(_dir, "run");
        var config = new SaeTrainingConfig { Features = 16, Epochs = 3, BatchSize = 10, Seed = 2 };
        var streaming = new StreamingConfig { MaxMemoryBytes = 64L << 30, ChunkRows = 8 };
        using (ShardSet shards = ShardSet.Open(folder))
        {
            var progress = new SaeTrainerTests.InlineProgress(p => { if (p.Epoch == 2 && p.Batch == 3) throw new SimulatedKill(); });
            var checkpoints = new TrainingCheckpointOptions { Directory = TrainingCheckpoint.FolderIn(output), Every = 5 };
            Assert.Throws<SimulatedKill>(() => StreamingTrainer.TrainSupervised(shards, config, new SupervisedConfig { Weight = 0.5 }, streaming, checkpoints, progress));
        }

        var (code, stderr) = Run("train", "--resume", output, "--max-memory", "64GB", "--quiet");

        Assert.True(code == 0, stderr);
        var log = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(output, TrainedSaeFolder.LogFileName)))!;
        Assert.Equal(80, log["vectors"]!.GetValue<int>());
        foreach (string file in new[] { "sae_weights.safetensors", "head.safetensors" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole, file)), File.ReadAllBytes(Path.Combine(output, file)));
        }
    }

    [Fact]
    public void AShardFolder_WithVectorsTrain_StreamsTheTrainingProblemsOnly_AndResumesOnThem()
    {
        var (folder, whole) = LabelledShardsTrainedWith("--vectors", "train");
        string output = Path.Combine(_dir, "run");
        var subset = new ProblemSubset(new ProblemSplitConfig(), SplitPart.Train);
        using (ShardSet shards = ShardSet.Open(folder))
        {
            var progress = new SaeTrainerTests.InlineProgress(p => { if (p.Epoch == 2 && p.Batch == 3) throw new SimulatedKill(); });
            var checkpoints = new TrainingCheckpointOptions { Directory = TrainingCheckpoint.FolderIn(output), Every = 5 };
            var config = new SaeTrainingConfig { Features = 16, Epochs = 3, BatchSize = 10, Seed = 2 };
            Assert.Throws<SimulatedKill>(() => StreamingTrainer.Train(shards, subset, config, new StreamingConfig { MaxMemoryBytes = 64L << 30, ChunkRows = 8 }, checkpoints, progress));
        }

        var (code, stderr) = Run("train", "--resume", output, "--max-memory", "64GB", "--quiet");

        Assert.True(code == 0, stderr);
        var log = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(output, TrainedSaeFolder.LogFileName)))!;
        Assert.Equal(80, log["vectors"]!.GetValue<int>());
        Assert.EndsWith("(training problems of the split: 40 of 50 problems, 80 of 100 vectors)", log["data"]!.GetValue<string>());
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "sae_weights.safetensors")), File.ReadAllBytes(Path.Combine(output, "sae_weights.safetensors")));
    }

    // training.json's "methods" (the input scale and the resamplings), as JSON text.
    private static string LoggedMethods(string output) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(output, TrainedSaeFolder.LogFileName)))!["methods"]!.ToJsonString();

    [Fact]
    public void ACheckpointOfAnOlderFormat_IsRefusedWithAHint()
    {
        string output = Checkpointed();
        string statePath = Path.Combine(TrainingCheckpoint.FolderIn(output), TrainingCheckpoint.StateFileName);
        File.WriteAllText(statePath, File.ReadAllText(statePath).Replace($"\"format_version\": {TrainingCheckpointState.CurrentFormatVersion}", "\"format_version\": 1"));

        var (code, stderr) = Run("train", "--resume", output);

        Assert.Equal(SaeLabCli.InputErrorExitCode, code);
        Assert.Contains($"checkpoint format version 1 is not supported (this SaeLab reads version {TrainingCheckpointState.CurrentFormatVersion})", stderr);
        Assert.Contains("an older SaeLab wrote it", stderr);
    }

    [Fact]
    public void Resume_SavesTheSaeAsTheRunWasStarted_WithModelHookAndDType()
    {
        string output = Path.Combine(_dir, "named");
        var job = new SaeLab.Training.Jobs.TrainingJob
        {
            Data = WriteData(),
            Output = output,
            Config = new() { Features = 16, Epochs = 3, BatchSize = 10, Seed = 2 },
            Checkpoints = new TrainingCheckpointOptions { Directory = TrainingCheckpoint.FolderIn(output), Every = 5 },
            Save = new SaeLab.Sae.SaeSaveOptions { WeightsDType = SaeLab.Tensors.DType.Float16, ModelName = "meta-llama/Llama-3.2-1B", HookName = "blocks.8.hook_resid_post" },
        };
        Assert.Throws<SimulatedKill>(() => job.Run(new SaeTrainerTests.InlineProgress(p => { if (p.Batch == 7) throw new SimulatedKill(); })));

        var (code, stderr) = Run("train", "--resume", output, "--hook-name", "blocks.9.hook_resid_post", "--quiet");

        Assert.True(code == 0, stderr);
        var cfg = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(output, "cfg.json")))!;
        Assert.Equal("meta-llama/Llama-3.2-1B", cfg["model_name"]!.GetValue<string>());
        Assert.Equal("blocks.9.hook_resid_post", cfg["hook_name"]!.GetValue<string>());
        Assert.Equal("float16", cfg["dtype"]!.GetValue<string>());
    }

    [Fact]
    public void VectorsTrain_TrainsOnTheTrainingProblemsOnly_AndResumesOnThem()
    {
        string data = WriteLabelledData();
        string whole = Path.Combine(_dir, "whole"), output = Path.Combine(_dir, "subset");
        var (code, stderr) = Run("train", "--data", data, "--out", whole, "--features", "16", "--epochs", "3", "--batch-size", "10", "--seed", "2", "--vectors", "train", "--split-seed", "5", "--quiet");
        Assert.True(code == 0, stderr);
        var subset = new ProblemSubset(new ProblemSplitConfig { SplitSeed = 5 }, SplitPart.Train);
        var job = new SaeLab.Training.Jobs.TrainingJob
        {
            Data = data,
            Output = output,
            Config = new() { Features = 16, Epochs = 3, BatchSize = 10, Seed = 2 },
            Subset = subset,
            Checkpoints = new TrainingCheckpointOptions { Directory = TrainingCheckpoint.FolderIn(output), Every = 5 },
        };
        Assert.Throws<SimulatedKill>(() => job.Run(new SaeTrainerTests.InlineProgress(p => { if (p is { Epoch: 2, Batch: 3 }) throw new SimulatedKill(); })));

        Assert.Contains("these options differ from them: --vectors test --label-key operation_types --split-seed 5 --test-size 0.2 (checkpoint: --vectors train --label-key operation_types --split-seed 5 --test-size 0.2)", Run("train", "--resume", output, "--vectors", "test", "--split-seed", "5").Stderr);
        (code, stderr) = Run("train", "--resume", output, "--quiet");

        Assert.True(code == 0, stderr);
        var log = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(output, TrainedSaeFolder.LogFileName)))!;
        Assert.Equal(80, log["vectors"]!.GetValue<int>());
        Assert.Contains("(training problems of the split: 40 of 50 problems, 80 of 100 vectors)", log["data"]!.GetValue<string>());
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "sae_weights.safetensors")), File.ReadAllBytes(Path.Combine(output, "sae_weights.safetensors")));
    }

    [Theory]
    [InlineData("--test-size 0.3", "--label-key, --test-size and --split-seed describe the problems' split of --supervised-weight or --vectors train|test")]
    [InlineData("--vectors train --supervised-weight 0.1", "--supervised-weight already trains on the split's training problems only: drop --vectors")]
    public void SplitFlags_ThatApplyToNothing_AreRefused(string options, string message)
    {
        var (code, stderr) = Run(["train", "--data", WriteLabelledData(), "--out", Path.Combine(_dir, "refused"), "--features", "16", .. options.Split(' ')]);

        Assert.Equal(SaeLabCli.InputErrorExitCode, code);
        Assert.Contains(message, stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "refused")));
    }

    // A run of 10 steps per epoch, stopped at step 7 after its checkpoint at step 5.
    private string Checkpointed(SaeTrainingConfig? config = null)
    {
        string output = Path.Combine(_dir, "run");
        ActivationSet set = ActivationLoader.Load(WriteData());
        var progress = new SaeTrainerTests.InlineProgress(p =>
        {
            if (p.Batch == 7)
            {
                throw new SimulatedKill();
            }
        });
        config ??= new() { Features = 16, Epochs = 3, BatchSize = 10, Seed = 2 };
        var checkpoints = new TrainingCheckpointOptions { Directory = TrainingCheckpoint.FolderIn(output), Every = 5 };
        Assert.Throws<SimulatedKill>(() => SaeTrainer.Train(set, [.. Enumerable.Range(0, set.Count)], config, checkpoints, progress));
        return output;
    }

    private string WriteData()
    {
        string path = Path.Combine(_dir, "data.safetensors");
        ActivationWriter.Write(SaeTrainerTests.Synthetic(count: 100, dim: 6, seed: 9), path);
        return path;
    }

    // The labelled data as a folder of 30-row shards, and the folder of an uninterrupted streamed run on it with these options.
    private (string Folder, string Whole) LabelledShardsTrainedWith(params string[] options)
    {
        string folder = Path.Combine(_dir, "labelled-shards");
        ShardWriter.Write([new InMemoryRowSource(ActivationLoader.Load(WriteLabelledData()))], folder, new ShardingConfig { RowsPerShard = 30 });
        string whole = Path.Combine(_dir, "whole");
        var (code, stderr) = Run(
            ["train", "--data", folder, "--out", whole, "--max-memory", "64GB", "--chunk-rows", "8", "--features", "16", "--epochs", "3", "--batch-size", "10", "--seed", "2", .. options, "--quiet"]);
        Assert.True(code == 0, stderr);
        return (folder, whole);
    }

    // 100 vectors, two per problem, problems alternately labelled a and b.
    private string WriteLabelledData()
    {
        ActivationSet values = SaeTrainerTests.Synthetic(count: 100, dim: 6, seed: 9);
        long[] problems = [.. Enumerable.Range(0, 100).Select(row => (long)(row / 2))];
        string[] labels = [.. problems.Select(problem => problem % 2 == 0 ? "a" : "b")];
        var set = new ActivationSet(values.Values, 100, 6, [new IntColumn(MetadataKeys.Problems, problems), new StringColumn(MetadataKeys.DefaultLabel, labels)], "labelled");
        string path = Path.Combine(_dir, "labelled.safetensors");
        ActivationWriter.Write(set, path);
        return path;
    }

    private static (int Code, string Stderr) Run(params string[] args)
    {
        var (code, _, stderr) = TrainCommandTests.Run(args);
        return (code, stderr);
    }
}
