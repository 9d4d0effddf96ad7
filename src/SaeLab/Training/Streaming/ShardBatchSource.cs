using SaeLab.Data.Shards;
using SaeLab.Training.Methods;

namespace SaeLab.Training.Streaming;

/// <summary>
/// Rows streamed from a shard folder (or any <see cref="IRowSource"/>): <see cref="ChunkShuffle"/>'s chunk permutation plus
/// shuffle buffer instead of one full permutation, read ahead by <see cref="BatchStream"/>'s thread. The methods that look
/// at the data see a uniform sample of the rows, read when the run starts (<see cref="TrainingVectors.Sampled"/>).
/// </summary>
/// <param name="data">The rows.</param>
/// <param name="shardStarts">The first row of each shard, then the row count: chunks never cross a shard boundary.</param>
/// <param name="order">The chunk, window and sample sizes that fix the row order.</param>
/// <param name="queueBatches">Batches the reader prepares ahead.</param>
/// <param name="resampleEvery">The resampling interval (0: none), after whose steps the garbage is collected.</param>
internal sealed class ShardBatchSource(IRowSource data, IReadOnlyList<long> shardStarts, StreamingOrder order, int queueBatches, int resampleEvery) : IBatchSource
{
    public string Source => data.Source;

    public int Dim => data.Dim;

    public long Vectors => data.Rows;

    public int RowNumbers => checked((int)data.Rows);

    public string DivergenceHint => "check the shards for NaN or infinite values";

    public TrainingVectors? MethodsSample(SaeTrainingConfig config) =>
        order.SampleRows > 0 ? TrainingVectors.Sampled(data, order.SampleRows, order.ChunkRows, config.Seed) : null;

    public IEpochBatches Open(Random random, int epochs, int batchSize, BatchPosition start) =>
        new BatchStream(data, new ChunkShuffle(shardStarts, order.ChunkRows, order.WindowRows), random, epochs, batchSize, queueBatches, start, resampleEvery);
}
