using SaeLab.Data;
using SaeLab.Formats.SafeTensors;
using SaeLab.Tensors;
using SaeLab.Tests.Training.Methods;
using SaeLab.Training;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Methods;

namespace SaeLab.Tests.Training;

public sealed class TrainingCheckpointTests : IDisposable
{
    // 200 vectors in batches of 16: 13 batches per epoch (the last one of 8), 39 steps in 3 epochs.
    private static readonly SaeTrainingConfig Config = new() { Features = 16, Epochs = 3, BatchSize = 16, LearningRate = 3e-3, Seed = 11, Threads = 1 };

    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-checkpoint-").FullName;

    // The checkpoint's tensors when the run was interrupted (the resumed run writes its own checkpoints over them).
    private SafeTensorsContents? _interrupted;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Every method a checkpoint can resume: the schedules follow Adam's step count, the input scale is measured again.
    private static readonly TrainingMethods ResumableMethods = TrainingMethodsExamples.Every with { MaxGradNorm = 0.05, ResampleEvery = 0 };

    [Theory]
    [InlineData(5, 23, false)] // mid-epoch 2: the last checkpoint is step 20, batch 7 of epoch 2
    [InlineData(13, 27, false)] // the last checkpoint is the end of epoch 2
    [InlineData(5, 4, false)] // before any checkpoint: nothing to resume from
    [InlineData(5, 23, true)]
    public void InterruptedThenResumed_IsBitIdenticalToAnUninterruptedRun(int every, int stopAfterStep, bool withMethods)
    {
        SaeTrainingConfig config = withMethods ? Config with { Methods = ResumableMethods } : Config;
        var (whole, resumed) = WholeAndResumed(config, every, stopAfterStep);
        if (resumed is null)
        {
            Assert.False(TrainingCheckpoint.Exists(Path.Combine(_dir, "checkpoint")));
            return;
        }

        AssertBitIdentical(whole, resumed);
    }

    // Interrupted at step 23 (batch 10 of epoch 2) after the checkpoint at step 20; a feature is dead after 2 batches
    // without firing, so AuxK's counters (and batchtopk's running threshold) are well under way, and JumpReLU's wide
    // bandwidth lets its threshold learn. With k = 2 of 32 features the TopK family takes the sparse path.
    [Theory]
    [MemberData(nameof(ArchitectureConfigs.DictionaryEngine), MemberType = typeof(ArchitectureConfigs))]
    public void EveryArchitecture_ResumesBitIdentically(string architecture)
    {
        SaeTrainingConfig config = Config with
        {
            Architecture = architecture,
            Features = 32,
            K = SaeLab.Training.Architectures.SaeArchitectures.NeedsK(architecture) ? 2 : null,
            DeadTokens = 32,
            Bandwidth = 0.5,
        };
        var (whole, resumed) = WholeAndResumed(config, every: 5, stopAfterStep: 23);

        AssertBitIdentical(whole, resumed!);
        if (config.K is not null)
        {
            long[] counts = CheckpointedState("aux_k.vectors_since_fired").ToInt64();
            Assert.Contains(counts, count => count >= config.DeadTokens);
            Assert.Contains(counts, count => count < config.DeadTokens);
            Assert.True(whole.Epochs.Sum(e => e.SparseSteps) > 0);
        }

        if (whole.Sae is SaeLab.Sae.JumpReluSae jump && architecture == "jumprelu")
        {
            Assert.Contains(jump.Threshold, theta => Math.Abs(theta - config.InitialThreshold) > 1e-4);
        }
    }

    [Fact]
    public void Resampling_ResumesBitIdentically_AcrossAResamplingEvent()
    {
        // A large l1 kills features within a few steps: resamplings after steps 10 and 20, on either side of the checkpoint
        // at step 18. Features are dead after 3 batches without firing, so those dead at the checkpoint are resampled at
        // step 20 only if their counts were restored.
        SaeTrainingConfig config = Config with
        {
            L1 = 3,
            DeadTokens = 48,
            Methods = new TrainingMethods { ResampleEvery = 10, NormalizeInputs = true, BDecInit = "mean" },
        };
        var (whole, resumed) = WholeAndResumed(config, every: 6, stopAfterStep: 23);

        AssertBitIdentical(whole, resumed!);
        Assert.Contains(whole.Methods!.Resamplings, e => e.Step < 18);
        Assert.Contains(whole.Methods.Resamplings, e => e.Step > 18);
        Assert.Contains(CheckpointedState("resampler.vectors_since_fired").ToInt64(), count => count >= 48);
        Assert.Equal(whole.Methods.Resamplings, resumed!.Methods!.Resamplings);
        Assert.Equal(3, CheckpointedState("resampler.events").Shape[1]);
    }

    [Fact]
    public void DamagedTrainingState_IsRefusedByItsChecksum()
    {
        SaeTrainingConfig config = Config with { Architecture = "topk", K = 2, Epochs = 1 };
        ActivationSet data = SaeTrainerTests.Synthetic(count: 200, dim: 8, seed: 3);
        string directory = Path.Combine(_dir, "checkpoint");
        StopAfter(data, config, new TrainingCheckpointOptions { Directory = directory, Every = 5 }, stopAfterStep: 7);
        TrainingCheckpointState state = TrainingCheckpoint.ReadState(directory);
        string weights = Path.Combine(directory, state.WeightsFile);
        SafeTensorsContents contents = SafeTensorsFile.Read(weights);
        long[] counts = contents.Find("state.aux_k.vectors_since_fired")!.ToInt64();
        counts[0]++;
        SafeTensorsFile.Write(weights, [.. contents.Tensors.Select(pair => pair.Key == "state.aux_k.vectors_since_fired" ? new(pair.Key, HostTensor.FromInt64(counts, counts.Length)) : pair)]);

        var error = Assert.Throws<SaeLabException>(() => SaeTrainer.Resume(data, [.. Enumerable.Range(0, data.Count)], directory));

        Assert.Contains("the weights do not match the checksum in state.json", error.Message);
    }

    // The uninterrupted run and, when a checkpoint was written before the interruption, the resumed one.
    [Fact]
    public void Cancelling_CheckpointsTheCurrentStep_AndResumesBitIdentically()
    {
        ActivationSet data = SaeTrainerTests.Synthetic(count: 200, dim: 8, seed: 3);
        int[] rows = [.. Enumerable.Range(0, data.Count)];
        TrainingResult whole = SaeTrainer.Train(data, rows, Config);
        var checkpoints = new TrainingCheckpointOptions { Directory = Path.Combine(_dir, "checkpoint"), Every = 5 };
        using var stop = new CancellationTokenSource();
        var progress = new SaeTrainerTests.InlineProgress(p =>
        {
            if (p is { Epoch: 2, Batch: 10 })
            {
                stop.Cancel();
            }
        });

        var stopped = Assert.Throws<TrainingInterruptedException>(() => SaeTrainer.Train(data, rows, Config, checkpoints, progress, stop.Token));

        Assert.Equal((23, checkpoints.Directory), (stopped.Step, stopped.Checkpoint));
        Assert.Equal(23, TrainingCheckpoint.ReadState(checkpoints.Directory).Steps);
        AssertBitIdentical(whole, SaeTrainer.Resume(data, rows, checkpoints.Directory));
    }

    private (TrainingResult Whole, TrainingResult? Resumed) WholeAndResumed(SaeTrainingConfig config, int every, int stopAfterStep)
    {
        ActivationSet data = SaeTrainerTests.Synthetic(count: 200, dim: 8, seed: 3);
        int[] rows = [.. Enumerable.Range(0, data.Count)];
        TrainingResult whole = SaeTrainer.Train(data, rows, config);

        var checkpoints = new TrainingCheckpointOptions { Directory = Path.Combine(_dir, "checkpoint"), Every = every };
        StopAfter(data, config, checkpoints, stopAfterStep);
        if (stopAfterStep < every)
        {
            return (whole, null);
        }

        TrainingCheckpointState state = TrainingCheckpoint.ReadState(checkpoints.Directory);
        Assert.Equal(stopAfterStep / every * every, state.Steps);
        _interrupted = SafeTensorsFile.Read(Path.Combine(checkpoints.Directory, state.WeightsFile));
        return (whole, SaeTrainer.Resume(data, rows, checkpoints.Directory));
    }

    // Trains with checkpoints and cancels the run after step stopAfterStep (13 steps per epoch).
    private static void StopAfter(ActivationSet data, SaeTrainingConfig config, TrainingCheckpointOptions checkpoints, int stopAfterStep)
    {
        var progress = new SaeTrainerTests.InlineProgress(p =>
        {
            if (((p.Epoch - 1) * 13) + p.Batch == stopAfterStep)
            {
                throw new SimulatedKill();
            }
        });
        Assert.Throws<SimulatedKill>(() => SaeTrainer.Train(data, [.. Enumerable.Range(0, data.Count)], config, checkpoints, progress));
    }

    // Every tensor the SAE saves (thresholds included), byte for byte, and the epochs' statistics.
    private static void AssertBitIdentical(TrainingResult whole, TrainingResult resumed)
    {
        Assert.Equal(whole.Sae.ExportTensors().Select(t => t.Key), resumed.Sae.ExportTensors().Select(t => t.Key));
        Assert.All(whole.Sae.ExportTensors().Zip(resumed.Sae.ExportTensors()), pair => Assert.Equal(pair.First.Value.Data, pair.Second.Value.Data));
        Assert.Equal(whole.Epochs.Select(e => (e.Loss, e.L0, e.Steps)), resumed.Epochs.Select(e => (e.Loss, e.L0, e.Steps)));
    }

    private HostTensor CheckpointedState(string name) => _interrupted!.Find("state." + name)!;

    [Fact]
    public void NonFiniteLoss_StopsAndKeepsTheLastGoodCheckpoint()
    {
        ActivationSet data = SaeTrainerTests.Synthetic(count: 200, dim: 8, seed: 3);
        data.Values[(150 * 8) + 2] = 3e38f; // its square overflows: the batch holding row 150 has an infinite loss
        string directory = Path.Combine(_dir, "checkpoint");

        var error = Assert.Throws<SaeLabException>(() =>
            SaeTrainer.Train(data, [.. Enumerable.Range(0, data.Count)], Config, new TrainingCheckpointOptions { Directory = directory, Every = 1 }));

        TrainingCheckpointState state = TrainingCheckpoint.ReadState(directory);
        Assert.Contains("training diverged: loss is ∞", error.Message.Replace("Infinity", "∞"));
        Assert.Contains($"at step {state.Steps + 1} ", error.Message);
        Assert.Contains($"the last good checkpoint (step {state.Steps}) is kept in {directory}", error.Message);
        Assert.InRange(state.Steps, 1, 12);
        SafeTensorsContents weights = SafeTensorsFile.Read(Path.Combine(directory, state.WeightsFile));
        Assert.All(Enumerable.Range(0, 4), i => Assert.All(weights.Find($"parameter.{i}")!.ToFloat32(), v => Assert.True(float.IsFinite(v))));
        Assert.Single(Directory.EnumerateFiles(directory, "*.safetensors"));
    }

    [Fact]
    public void ResumeOnOtherData_IsRefused()
    {
        ActivationSet data = SaeTrainerTests.Synthetic(count: 200, dim: 8, seed: 3);
        string directory = Path.Combine(_dir, "checkpoint");
        SaeTrainer.Train(data, [.. Enumerable.Range(0, data.Count)], Config with { Epochs = 1 }, new TrainingCheckpointOptions { Directory = directory, Every = 5 });
        ActivationSet other = SaeTrainerTests.Synthetic(count: 200, dim: 8, seed: 4);

        var error = Assert.Throws<SaeLabException>(() => SaeTrainer.Resume(other, [.. Enumerable.Range(0, other.Count)], directory));

        Assert.Contains("these are not the vectors the checkpoint was trained on", error.Message);
    }

    [Fact]
    public void MissingCheckpoint_IsAUserError()
    {
        var error = Assert.Throws<SaeLabException>(() => TrainingCheckpoint.ReadState(_dir));
        Assert.Contains("no training checkpoint here", error.Message);
    }
}
