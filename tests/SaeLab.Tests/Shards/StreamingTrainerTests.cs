using SaeLab.Data;
using SaeLab.Data.Shards;
using SaeLab.Formats;
using SaeLab.Tests.Training;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Streaming;

namespace SaeLab.Tests.Shards;

public sealed class StreamingTrainerTests : IDisposable
{
    private static readonly SaeTrainingConfig Small = new() { Features = 12, Epochs = 15, BatchSize = 16, L1 = 1e-3, LearningRate = 1e-2 };
    private static readonly StreamingConfig Generous = new() { MaxMemoryBytes = 4L << 30, ChunkRows = 8 };
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-stream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Streaming_ReachesTheLossOfInMemoryTraining()
    {
        ActivationSet data = SaeTrainerTests.Synthetic(count: 200, dim: 6, seed: 7);
        string folder = Path.Combine(_dir, "shards");
        ShardWriter.Write([new InMemoryRowSource(data)], folder, new ShardingConfig { RowsPerShard = 45 });

        TrainingResult inMemory = SaeTrainer.Train(data, Small);
        using ShardSet shards = ShardSet.Open(folder);
        StreamingTrainingResult streamed = StreamingTrainer.Train(shards, Small, Generous with { MaxWindowChunks = 4 });

        Assert.Equal(15, streamed.Training.Epochs.Count);
        Assert.Equal(32, streamed.Plan.WindowRows);
        double expected = inMemory.Epochs[^1].Loss, actual = streamed.Training.Epochs[^1].Loss;
        Assert.True(actual < 0.2 * streamed.Training.Epochs[0].Loss, $"streaming loss went {streamed.Training.Epochs[0].Loss} -> {actual}");
        Assert.InRange(actual / expected, 0.8, 1.25);
    }

    [Fact]
    public void TheSameSeed_GivesBitIdenticalWeights()
    {
        ActivationSet data = SaeTrainerTests.Synthetic(count: 60, dim: 6, seed: 8);
        var source = new InMemoryRowSource(data);
        SaeTrainingConfig config = Small with { Epochs = 3 };

        StreamingTrainingResult first = StreamingTrainer.Train(source, [0, 30, 60], config, Generous);
        StreamingTrainingResult second = StreamingTrainer.Train(source, [0, 30, 60], config, Generous);

        Assert.Equal(first.Training.Sae.WEnc, second.Training.Sae.WEnc);
        Assert.Equal(first.Training.Sae.WDec, second.Training.Sae.WDec);
    }

    /// <summary>The seed's ReLU step's batch buffers per vector, as the architecture table declares them.</summary>
    internal static long ReluBatchFloats(int dIn, int dSae) =>
        SaeArchitectures.Find(SaeArchitectures.Relu).BatchFloatsPerVector(new SaeTrainingConfig(), dIn, dSae);

    [Theory]
    [MemberData(nameof(ArchitectureConfigs.Trainable), MemberType = typeof(ArchitectureConfigs))]
    public void EveryArchitecture_Streams_LearnsAndIsReproducible(string architecture)
    {
        ActivationSet data = SaeTrainerTests.Synthetic(count: 120, dim: 6, seed: 10);
        var source = new InMemoryRowSource(data);
        SaeArchitecture entry = SaeArchitectures.Find(architecture);
        SaeTrainingConfig config = Small with { Architecture = architecture, Epochs = 6, K = entry.NeedsK ? 3 : null };

        StreamingTrainingResult first = StreamingTrainer.Train(source, [0, 60, 120], config, Generous);
        StreamingTrainingResult second = StreamingTrainer.Train(source, [0, 60, 120], config, Generous);

        Assert.Equal(entry.SavedAs, first.Training.Sae.Architecture);
        Assert.True(first.Training.Epochs[^1].Loss < first.Training.Epochs[0].Loss, $"{architecture}: loss went {first.Training.Epochs[0].Loss} -> {first.Training.Epochs[^1].Loss}");
        Assert.Equal(first.Training.Sae.WEnc, second.Training.Sae.WEnc);
        Assert.Equal(first.Training.Sae.WDec, second.Training.Sae.WDec);
    }

    [Fact]
    public void AReadErrorOnTheReaderThread_ReachesTheCaller()
    {
        var source = new FailingRowSource(new InMemoryRowSource(SaeTrainerTests.Synthetic(count: 60, dim: 6, seed: 9)));

        var error = Assert.Throws<FileFormatException>(() => StreamingTrainer.Train(source, [0, 60], Small, Generous));

        Assert.Equal("shard.safetensors", error.FilePath);
    }

    [Fact]
    public void ACapBelowTheModel_IsRefusedWithTheBreakdown()
    {
        var error = Assert.Throws<SaeLabException>(() => StreamingMemoryPlan.For(
            2048, 65536, 256, 1_000_000, new StreamingConfig { MaxMemoryBytes = 512L << 20 }, baselineBytes: 40L << 20, ReluBatchFloats(2048, 65536)));

        Assert.Contains("--max-memory 512.0 MB is too small", error.Message);
        Assert.Contains("2048 -> 65536 SAE", error.Message);
    }

    [Theory]
    [InlineData("512MB", 512L << 20)]
    [InlineData("2g", 2L << 30)]
    [InlineData("1.5GB", 3L << 29)]
    [InlineData("4096", 4096)]
    public void Sizes_ParseInBinaryUnits(string text, long bytes) => Assert.Equal(bytes, SaeLab.Settings.ByteSize.Parse(text, "--max-memory"));

    [Fact]
    public void ABadSize_NamesTheOption() =>
        Assert.Contains("--max-memory 'lots'", Assert.Throws<SaeLabException>(() => SaeLab.Settings.ByteSize.Parse("lots", "--max-memory")).Message);

    /// <summary>Reads the first chunk, then fails as a shard truncated during the run would.</summary>
    private sealed class FailingRowSource(IRowSource inner) : IRowSource
    {
        private int _reads;

        public string Source => inner.Source;

        public long Rows => inner.Rows;

        public int Dim => inner.Dim;

        public IReadOnlyList<ShardColumn> Columns => inner.Columns;

        public void ReadRows(long first, int count, Span<float> destination)
        {
            if (++_reads > 1)
            {
                throw new FileFormatException("shard.safetensors", "ended while reading activations");
            }

            inner.ReadRows(first, count, destination);
        }

        public IReadOnlyList<MetadataColumn> ReadColumns(long first, int count) => inner.ReadColumns(first, count);
    }
}
