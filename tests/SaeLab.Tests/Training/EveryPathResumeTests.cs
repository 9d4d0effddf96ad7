using SaeLab.Data;
using SaeLab.Data.Shards;
using SaeLab.Tests.Supervised;
using SaeLab.Tests.Training.Methods;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Streaming;
using SaeLab.Training.Supervised;

namespace SaeLab.Tests.Training;

/// <summary>
/// One engine: every architecture of the table trains in memory, supervised, streamed from a shard folder, streamed
/// supervised, and on the probes' training problems only (in memory and streamed), with every method it takes
/// (relu once more with <c>--l1-decoder-norm</c>, which replaces the unit-norm decoder), checkpoints, and resumes bit for
/// bit from an interruption in mid-epoch.
/// </summary>
public sealed class EveryPathResumeTests : IDisposable
{
    private const string InMemory = "in memory", Supervised = "supervised", Streamed = "streamed", StreamedSupervised = "streamed supervised",
        Subset = "training problems", StreamedSubset = "streamed training problems";

    // relu with --l1-decoder-norm in place of the unit-norm decoder (the two are one choice).
    private const string ReluDecoderNorm = "relu+l1-decoder-norm";

    private static readonly string[] Paths = [InMemory, Supervised, Streamed, StreamedSupervised, Subset, StreamedSubset];

    private static readonly ProblemSubset TrainingProblems = new(new ProblemSplitConfig(), SplitPart.Train);

    // 180 labelled vectors (144 of the supervised split's training problems) in batches of 16; stopped in epoch 2, after step 17.
    private const int StopAfterStep = 17, Every = 5;

    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-every-path-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string> ArchitecturesAndPaths()
    {
        var cases = new TheoryData<string, string>();
        foreach (string architecture in SaeArchitectures.All.Select(a => a.Name).Append(ReluDecoderNorm))
        {
            foreach (string path in Paths)
            {
                cases.Add(architecture, path);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(ArchitecturesAndPaths))]
    public void EveryArchitecture_OnEveryPath_WithEveryMethod_ResumesBitForBit(string architecture, string path)
    {
        SaeTrainingConfig config = ConfigFor(architecture, path);
        ActivationSet data = SupervisedSaeTrainerTests.LabelledSet();
        var checkpoints = new TrainingCheckpointOptions { Directory = Path.Combine(_dir, "checkpoint"), Every = Every };
        using ShardSet shards = Shards(data);
        int[] subsetRows = TrainingProblems.RowsOf(data).Rows;
        Func<TrainingCheckpointOptions?, IProgress<TrainingProgress>?, CancellationToken, TrainingResult> train = path switch
        {
            Supervised => (options, progress, token) => Supervise(data, config, options, progress, token).Training,
            Streamed => (options, progress, token) => (options is null
                ? StreamingTrainer.Train(shards, config, Streaming, progress, token)
                : StreamingTrainer.Train(shards, config, Streaming, options, progress, token)).Training,
            StreamedSupervised => (options, progress, token) => StreamingTrainer.TrainSupervised(shards, config, SupervisedWeight, Streaming, options, progress, token).Training,
            Subset => (options, progress, token) => options is null
                ? SaeTrainer.Train(data, subsetRows, config, progress, token)
                : SaeTrainer.Train(data, subsetRows, config, options, progress, token),
            StreamedSubset => (options, progress, token) => StreamingTrainer.Train(shards, TrainingProblems, config, Streaming, options, progress, token).Training,
            _ => (options, progress, token) => options is null
                ? SaeTrainer.Train(data, config, progress, token)
                : SaeTrainer.Train(data, [.. Enumerable.Range(0, data.Count)], config, options, progress, token),
        };

        TrainingResult whole = train(null, null, default);
        StopAfter(train, checkpoints, batchesPerEpoch: whole.Epochs[0].Steps);
        Assert.Equal(StopAfterStep / Every * Every, TrainingCheckpoint.ReadState(checkpoints.Directory).Steps);
        TrainingResult resumed = path switch
        {
            Supervised => AssertHeadsBitIdentical(Supervise(data, config, null, null, default), SupervisedSaeTrainer.Resume(data, checkpoints.Directory)),
            Streamed or StreamedSubset => StreamingTrainer.Resume(shards, checkpoints.Directory, Streaming).Training,
            Subset => SaeTrainer.Resume(data, subsetRows, checkpoints.Directory),
            StreamedSupervised => AssertHeadsBitIdentical(
                StreamingTrainer.TrainSupervised(shards, config, SupervisedWeight, Streaming, null).Supervised!,
                StreamingTrainer.Resume(shards, checkpoints.Directory, Streaming).Supervised!),
            _ => SaeTrainer.Resume(data, [.. Enumerable.Range(0, data.Count)], checkpoints.Directory),
        };

        Assert.Equal(whole.Sae.ExportTensors().Select(t => t.Key), resumed.Sae.ExportTensors().Select(t => t.Key));
        Assert.All(whole.Sae.ExportTensors().Zip(resumed.Sae.ExportTensors()), pair => Assert.Equal(pair.First.Value.Data, pair.Second.Value.Data));
        Assert.Equal(whole.Epochs.Select(e => (e.Loss, e.L0, e.Steps)), resumed.Epochs.Select(e => (e.Loss, e.L0, e.Steps)));
        Assert.Equal(whole.Methods!.Resamplings, resumed.Methods!.Resamplings);
        Assert.Contains(whole.Methods.Resamplings, e => e.Step < StopAfterStep / Every * Every && e.Resampled > 0);
        Assert.Contains(whole.Methods.Resamplings, e => e.Step > StopAfterStep && e.Resampled > 0);
    }

    // A cap far above the test host's own footprint; chunks of 8 rows in a buffer of a few chunks: the stream crosses several windows per epoch, and the resumed one skips some unread.
    private static readonly StreamingConfig Streaming = new() { MaxMemoryBytes = 64L << 30, ChunkRows = 8, MaxWindowChunks = 4, SampleRows = 64 };

    // The set written as a shard folder of 50-row shards.
    private ShardSet Shards(ActivationSet data)
    {
        string folder = Path.Combine(_dir, "shards");
        ShardWriter.Write([new InMemoryRowSource(data)], folder, new ShardingConfig { RowsPerShard = 50 });
        return ShardSet.Open(folder);
    }

    /// <summary>
    /// The architecture with every training method it takes, small enough to train in a blink; a feature is dead after one
    /// batch without firing, JumpReLU's threshold starts high and the gated SAE's strong penalty (with Adam's steps of about the learning rate, a
    /// large one) closes gates, so every architecture
    /// resamples on both sides of the checkpoint.
    /// </summary>
    private static SaeTrainingConfig ConfigFor(string architecture, string path)
    {
        bool decoderNorm = architecture == ReluDecoderNorm;
        architecture = decoderNorm ? SaeArchitectures.Relu : architecture;
        var methods = TrainingMethodsExamples.Every with
        {
            MaxGradNorm = 0.05,
            ResampleEvery = 6,
            L1WarmupSteps = SaeArchitectures.HasSparsityPenalty(architecture) ? 10 : 0,
            UnitNormDecoder = !decoderNorm,
            L1DecoderNorm = decoderNorm,
        };
        return new SaeTrainingConfig
        {
            Architecture = architecture,
            Features = 16,
            K = SaeArchitectures.NeedsK(architecture) ? 2 : null,
            L1 = architecture == "gated" ? 10 : architecture == SaeArchitectures.Relu && path is StreamedSupervised or Subset ? ReluStrongL1 * (decoderNorm ? 4 : 1) : new SaeTrainingConfig().L1,
            InitialThreshold = 2,
            Epochs = 3,
            BatchSize = 16,
            LearningRate = architecture == "gated" ? 0.05 : 3e-3,
            Seed = 11,
            Threads = 1,
            DeadTokens = 16,
            Bandwidth = 0.5,
            Methods = methods,
        };
    }

    private static readonly SupervisedConfig SupervisedWeight = new() { Weight = 0.5 };

    // In the stream's row order with the head, and on the training problems alone, the ReLU SAE's features stay alive after
    // step 6 at the default l1; a stronger penalty kills some again, so that it too resamples after the checkpoint (four
    // times stronger with --l1-decoder-norm, whose weighting by the decoder rows' norms keeps the head's features alive).
    private const double ReluStrongL1 = 0.5;

    private static SupervisedTrainingResult Supervise(
        ActivationSet data, SaeTrainingConfig config, TrainingCheckpointOptions? checkpoints, IProgress<TrainingProgress>? progress, CancellationToken token) =>
        checkpoints is null
            ? SupervisedSaeTrainer.Train(data, config, SupervisedWeight, progress, token)
            : SupervisedSaeTrainer.Train(data, config, SupervisedWeight, checkpoints, progress, token);

    // The head, its log and the split must resume too; returns the resumed SAE's result.
    private static TrainingResult AssertHeadsBitIdentical(SupervisedTrainingResult whole, SupervisedTrainingResult resumed)
    {
        Assert.Equal(whole.Head.W, resumed.Head.W);
        Assert.Equal(whole.Head.B, resumed.Head.B);
        Assert.Equal(whole.Epochs, resumed.Epochs);
        Assert.Equal(whole.Split.Rows, resumed.Split.Rows);
        return resumed.Training;
    }

    // Trains with checkpoints and cancels the run after StopAfterStep.
    private static void StopAfter(
        Func<TrainingCheckpointOptions?, IProgress<TrainingProgress>?, CancellationToken, TrainingResult> train, TrainingCheckpointOptions checkpoints, int batchesPerEpoch)
    {
        var progress = new SaeTrainerTests.InlineProgress(p =>
        {
            if (((p.Epoch - 1) * batchesPerEpoch) + p.Batch == StopAfterStep)
            {
                throw new SimulatedKill();
            }
        });
        Assert.Throws<SimulatedKill>(() => train(checkpoints, progress, default));
    }
}
