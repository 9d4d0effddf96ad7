using SaeLab.Data;
using SaeLab.Formats.SafeTensors;
using SaeLab.Tests.Training.Methods;
using SaeLab.Training;
using SaeLab.Training.Methods;

namespace SaeLab.Tests.Training;

public sealed class TrainingCheckpointTests : IDisposable
{
    // 200 vectors in batches of 16: 13 batches per epoch (the last one of 8), 39 steps in 3 epochs.
    private static readonly SaeTrainingConfig Config = new() { Features = 16, Epochs = 3, BatchSize = 16, LearningRate = 3e-3, Seed = 11, Threads = 1 };

    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-checkpoint-").FullName;

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
        ActivationSet data = SaeTrainerTests.Synthetic(count: 200, dim: 8, seed: 3);
        int[] rows = [.. Enumerable.Range(0, data.Count)];
        SaeTrainingConfig config = withMethods ? Config with { Methods = ResumableMethods } : Config;
        TrainingResult whole = SaeTrainer.Train(data, rows, config);

        var checkpoints = new TrainingCheckpointOptions { Directory = Path.Combine(_dir, "checkpoint"), Every = every };
        using var stop = new CancellationTokenSource();
        var progress = new SaeTrainerTests.InlineProgress(p =>
        {
            if (((p.Epoch - 1) * 13) + p.Batch == stopAfterStep)
            {
                stop.Cancel();
            }
        });
        Assert.Throws<OperationCanceledException>(() => SaeTrainer.Train(data, rows, config, checkpoints, progress, stop.Token));
        if (stopAfterStep < every)
        {
            Assert.False(TrainingCheckpoint.Exists(checkpoints.Directory));
            return;
        }

        TrainingCheckpointState state = TrainingCheckpoint.ReadState(checkpoints.Directory);
        Assert.Equal(stopAfterStep / every * every, state.Steps);
        TrainingResult resumed = SaeTrainer.Resume(data, rows, checkpoints.Directory);

        Assert.Equal(whole.Sae.WEnc, resumed.Sae.WEnc);
        Assert.Equal(whole.Sae.WDec, resumed.Sae.WDec);
        Assert.Equal(whole.Sae.BDec, resumed.Sae.BDec);
        Assert.Equal(((SaeLab.Sae.ReluSae)whole.Sae).BEnc, ((SaeLab.Sae.ReluSae)resumed.Sae).BEnc);
        Assert.Equal(whole.Epochs.Select(e => (e.Loss, e.L0, e.Steps)), resumed.Epochs.Select(e => (e.Loss, e.L0, e.Steps)));
    }

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
    public void ArchitecturesWithMoreState_RefuseCheckpoints()
    {
        ActivationSet data = SaeTrainerTests.Synthetic(count: 40, dim: 8, seed: 3);
        var checkpoints = new TrainingCheckpointOptions { Directory = Path.Combine(_dir, "checkpoint") };

        var error = Assert.Throws<SaeLabException>(() =>
            SaeTrainer.Train(data, [.. Enumerable.Range(0, data.Count)], Config with { Architecture = "topk", K = 4 }, checkpoints));

        Assert.Contains("checkpoints and --resume support --arch relu only: 'topk'", error.Message);
    }

    [Fact]
    public void MissingCheckpoint_IsAUserError()
    {
        var error = Assert.Throws<SaeLabException>(() => TrainingCheckpoint.ReadState(_dir));
        Assert.Contains("no training checkpoint here", error.Message);
    }
}
