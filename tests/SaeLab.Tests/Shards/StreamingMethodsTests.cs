using System.Text.Json.Nodes;
using SaeLab.Cli;
using SaeLab.Data;
using SaeLab.Data.Shards;
using SaeLab.Formats.SafeTensors;
using SaeLab.Sae;
using SaeLab.Tensors;
using SaeLab.Tests.Training;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Methods;
using SaeLab.Training.Streaming;

namespace SaeLab.Tests.Shards;

/// <summary>The training methods that look at the data, on a streamed shard folder: the sample they see and what it costs.</summary>
public sealed class StreamingMethodsTests : IDisposable
{
    private static readonly SaeTrainingConfig Small = new() { Features = 12, Epochs = 3, BatchSize = 16, L1 = 1e-3, LearningRate = 1e-2, Seed = 4, Threads = 1 };
    private static readonly StreamingConfig Generous = new() { MaxMemoryBytes = 4L << 30, ChunkRows = 8 };
    private static readonly ActivationSet Data = SaeTrainerTests.Synthetic(count: 120, dim: 6, seed: 11);
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-stream-methods-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Choose_IsASortedDistinctSubset_FixedByTheSeed()
    {
        long[] rows = RowSample.Choose(1_000_000_000_000, 500, new Random(1));

        Assert.Equal(500, rows.Length);
        Assert.True(rows.Zip(rows.Skip(1)).All(pair => pair.First < pair.Second));
        Assert.All(rows, row => Assert.InRange(row, 0, 999_999_999_999));
        Assert.Equal(rows, RowSample.Choose(1_000_000_000_000, 500, new Random(1)));
    }

    [Fact]
    public void Choose_PicksEveryRowEquallyOften()
    {
        // 4000 draws of 5 of 20 rows: each row is expected 1000 times (binomial σ ≈ 27).
        var random = new Random(2);
        var counts = new int[20];
        for (int trial = 0; trial < 4000; trial++)
        {
            foreach (long row in RowSample.Choose(20, 5, random))
            {
                counts[row]++;
            }
        }

        Assert.All(counts, count => Assert.InRange(count, 880, 1120));
    }

    [Fact]
    public void Choose_AllRows_WhenTheSampleCoversThem_DrawingNothing()
    {
        var random = new Random(3);

        Assert.Equal([0L, 1, 2, 3], RowSample.Choose(4, 10, random));
        Assert.Equal(new Random(3).Next(), random.Next());
    }

    [Fact]
    public void Read_ReturnsTheChosenRows_AcrossShards()
    {
        using ShardSet shards = ShardSet.Open(WriteShards());
        long[] rows = [0, 1, 2, 44, 45, 46, 100, 119];

        float[] values = RowSample.Read(shards, rows, maxReadRows: 2);

        Assert.Equal(rows.SelectMany(r => Data.Row((int)r).ToArray()), values);
    }

    [Fact]
    public void ASampleOfTheWholeSet_DrawsWhatInMemoryTrainingDraws()
    {
        using ShardSet shards = ShardSet.Open(WriteShards());
        int[] all = [.. Enumerable.Range(0, Data.Count)];

        TrainingVectors sampled = TrainingVectors.Sampled(shards, 4096, 8, Small.Seed);
        TrainingVectors inMemory = new(Data.Values, all, Data.Dim);

        Assert.Equal(Data.Values, sampled.Values);
        Assert.Equal(inMemory.Sample(50, 0.5f, StepRandom.At(Small.Seed, 0)), sampled.Sample(50, 0.5f, StepRandom.At(Small.Seed, 0)));
        Assert.Equal(inMemory.Sample(4096, 2f, StepRandom.At(Small.Seed, 7)), sampled.Sample(4096, 2f, StepRandom.At(Small.Seed, 7)));
    }

    [Fact]
    public void NormalizeInputs_WithASampleOfTheWholeSet_GivesTheInMemoryScaleExactly()
    {
        var config = Small with { Methods = new TrainingMethods { NormalizeInputs = true, BDecInit = "geometric_median" } };
        using ShardSet shards = ShardSet.Open(WriteShards());

        TrainingResult inMemory = SaeTrainer.Train(Data, config);
        StreamingTrainingResult streamed = StreamingTrainer.Train(shards, config, Generous);

        Assert.Equal(Data.Count, streamed.Plan.SampleRows);
        Assert.False(streamed.Plan.SampleShrunk);
        Assert.Equal(inMemory.Methods!.InputScale, streamed.Training.Methods!.InputScale);
    }

    [Fact]
    public void NormalizeInputs_WithAPartialSample_EstimatesTheScaleFromIt()
    {
        var config = Small with { Methods = new TrainingMethods { NormalizeInputs = true } };
        using ShardSet shards = ShardSet.Open(WriteShards());

        StreamingTrainingResult streamed = StreamingTrainer.Train(shards, config, Generous with { SampleRows = 60 });

        Assert.Equal(60, streamed.Plan.SampleRows);
        float exact = InputNormalization.ScaleFor(Data.Values, [.. Enumerable.Range(0, Data.Count)], Data.Dim);
        Assert.InRange(streamed.Training.Methods!.InputScale!.Value / exact, 0.85, 1.15);
    }

    [Theory]
    [InlineData("normalize")]
    [InlineData("zeros")]
    [InlineData("mean")]
    [InlineData("geometric_median")]
    [InlineData("resample")]
    public void EachMethod_Streams_AndTheSavedSaeReloads(string method)
    {
        SaeTrainingConfig config = method switch
        {
            "normalize" => Small with { Methods = new TrainingMethods { NormalizeInputs = true } },
            "resample" => Small with { Epochs = 6, L1 = 3, DeadTokens = 16, Methods = new TrainingMethods { ResampleEvery = 5 } },
            _ => Small with { Methods = new TrainingMethods { BDecInit = method } },
        };
        using ShardSet shards = ShardSet.Open(WriteShards());

        StreamingTrainingResult streamed = StreamingTrainer.Train(shards, config, Generous);
        string output = Path.Combine(_dir, method);
        TrainedSaeFolder.Save(output, streamed.Training, config, shards.Source, Data.Count);
        var reloaded = Assert.IsType<ReluSae>(SaeFolder.Load(output));

        Assert.Equal(method == "zeros" ? 0 : Data.Count, streamed.Plan.SampleRows);
        Assert.True(double.IsFinite(streamed.Training.Epochs[^1].Loss));
        Assert.Equal(streamed.Training.Sae.WEnc, reloaded.WEnc);
        Assert.Equal(streamed.Training.Sae.BDec, reloaded.BDec);
        Assert.Equal(method == "resample", streamed.Training.Methods!.Resamplings.Count > 0);
    }

    [Fact]
    public void TheSameSeed_WithTheMethodsOnAPartialSample_GivesBitIdenticalWeights()
    {
        var config = Small with { L1 = 3, DeadTokens = 16, Methods = new TrainingMethods { NormalizeInputs = true, BDecInit = "mean", ResampleEvery = 3 } };
        using ShardSet shards = ShardSet.Open(WriteShards());
        StreamingConfig streaming = Generous with { SampleRows = 50 };

        StreamingTrainingResult first = StreamingTrainer.Train(shards, config, streaming);
        StreamingTrainingResult second = StreamingTrainer.Train(shards, config, streaming);

        Assert.NotEmpty(first.Training.Methods!.Resamplings);
        Assert.Equal(first.Training.Sae.WEnc, second.Training.Sae.WEnc);
        Assert.Equal(first.Training.Sae.WDec, second.Training.Sae.WDec);
        Assert.Equal(first.Training.Sae.BDec, second.Training.Sae.BDec);
    }

    [Fact]
    public void ThePlan_HoldsNoSample_WithoutMethodsThatNeedOne()
    {
        StreamingMemoryPlan plan = PlanFor(2L << 30, new TrainingMethods { BDecInit = "zeros", UnitNormDecoder = true });

        Assert.Equal(0, plan.SampleRows);
        Assert.Equal(0, plan.SampleBytes);
        Assert.Equal(PlanFor(2L << 30, methods: null), plan);
    }

    [Fact]
    public void ThePlan_CountsTheWholeSample_UnderAGenerousCap()
    {
        StreamingMemoryPlan plan = PlanFor(2L << 30, new TrainingMethods { NormalizeInputs = true, ResampleEvery = 100 });

        Assert.Equal(FeatureResampler.SampleSize, plan.SampleRows);
        Assert.False(plan.SampleShrunk);
        // The sample, one draw as large, 64 bytes of row lists per row and the resampler's scoring of 256 rows at a time.
        Assert.Equal((4L * 2 * 4096 * 2048) + (64L * 4096) + (4L * 256 * (2048 + 2048)), plan.SampleBytes);
        Assert.True(plan.TotalBytes <= plan.CapBytes);
    }

    [Fact]
    public void UnderATightCap_TheSampleShrinksToWhatFits()
    {
        TrainingMethods methods = new() { BDecInit = "geometric_median", ResampleEvery = 100 };
        StreamingMemoryPlan plan = PlanFor(300L << 20, methods);

        Assert.True(plan.SampleShrunk);
        Assert.Equal(4096, plan.RequestedSampleRows);
        Assert.InRange(plan.SampleRows, StreamingMemoryPlan.MinimumSampleRows, 4095);
        Assert.Equal(1024, plan.WindowRows);
        Assert.True(plan.TotalBytes <= plan.CapBytes);
        long oneMoreRow = StreamingMemoryPlan.SampleBytesFor(plan.SampleRows + 1, 2048, 2048, resamples: true);
        Assert.True(plan.TotalBytes - plan.SampleBytes + oneMoreRow > plan.CapBytes);
    }

    [Fact]
    public void ACapWithoutRoomForTheSmallestSample_IsRefusedWithTheBreakdown()
    {
        TrainingMethods methods = new() { NormalizeInputs = true, ResampleEvery = 100 };
        StreamingMemoryPlan withoutMethods = PlanFor(256L << 20, methods: null);

        var error = Assert.Throws<SaeLabException>(() => PlanFor(256L << 20, methods));

        Assert.Equal(1024, withoutMethods.WindowRows);
        Assert.Contains("--max-memory 256.0 MB is too small", error.Message);
        Assert.Contains("a sample of 256 rows for normalised inputs, resample every 100", error.Message);
    }

    [Fact]
    public void Cli_TrainsAShardFolderWithTheSampleMethods()
    {
        string folder = WriteShards();
        string output = Path.Combine(_dir, "sae");

        var (code, stdout, stderr) = TrainCommandTests.Run(
            "train", "--data", folder, "--out", output, "--features", "12", "--epochs", "3", "--batch-size", "8", "--quiet",
            "--normalize-inputs", "--b-dec-init", "geometric_median", "--resample-every", "5", "--max-memory", "64GB", "--sample-rows", "100");

        Assert.True(code == 0, stderr);
        Assert.Contains("methods' sample 100 rows", stdout);
        JsonNode log = JsonNode.Parse(File.ReadAllText(Path.Combine(output, TrainedSaeFolder.LogFileName)))!;
        Assert.True(log["methods"]!["input_scale"]!.GetValue<float>() > 0);
        Assert.NotNull(log["methods"]!["resamplings"]);
        Assert.IsType<ReluSae>(SaeFolder.Load(output));
    }

    [Fact]
    public void Cli_SampleRowsWithAPlainFile_IsRefused()
    {
        string file = Path.Combine(_dir, "data.safetensors");
        SafeTensorsFile.Write(file, [new("activations", HostTensor.FromFloat32(Data.Values, Data.Count, Data.Dim))]);

        var (code, _, stderr) = TrainCommandTests.Run("train", "--data", file, "--out", Path.Combine(_dir, "x"), "--features", "4", "--sample-rows", "10");

        Assert.Equal(SaeLabCli.InputErrorExitCode, code);
        Assert.Contains("--sample-rows apply to a shard folder", stderr);
    }

    private static StreamingMemoryPlan PlanFor(long cap, TrainingMethods? methods) =>
        StreamingMemoryPlan.For(2048, 2048, 256, 1_000_000, new StreamingConfig { MaxMemoryBytes = cap }, baselineBytes: 40L << 20, StreamingTrainerTests.ReluBatchFloats(2048, 2048), methods);

    private string WriteShards()
    {
        string folder = Path.Combine(_dir, "shards");
        if (!Directory.Exists(folder))
        {
            ShardWriter.Write([new InMemoryRowSource(Data)], folder, new ShardingConfig { RowsPerShard = 45 });
        }

        return folder;
    }
}
