using SaeLab.Settings;
using static SaeLab.SaeLabException;

namespace SaeLab.Training.Streaming;

/// <summary>How <see cref="StreamingTrainer"/> streams a shard folder under a memory cap.</summary>
public sealed record StreamingConfig
{
    /// <summary>
    /// Most resident memory the training process may use, in bytes (<c>--max-memory</c>): the process's own footprint
    /// at the start, the model, its Adam state and gradients, the batch buffers, the queue and the shuffle buffer.
    /// </summary>
    [Setting("--max-memory", "Memory cap for training on a shard folder, e.g. 512MB or 2GB (binary units); required with a shard folder", Bytes = true, DefaultText = "none")]
    public long MaxMemoryBytes { get; init; }

    /// <summary>Consecutive rows read and shuffled as one unit (<c>--chunk-rows</c>); ≥ 1.</summary>
    [Setting("--chunk-rows", "Rows read and shuffled as one unit when streaming a shard folder")]
    public int ChunkRows { get; init; } = 1024;

    /// <summary>Batches the reader thread may prepare ahead of training; ≥ 1.</summary>
    public int QueueBatches { get; init; } = 4;

    /// <summary>Upper bound on the shuffle buffer, in chunks, however much memory is left; ≥ 1.</summary>
    public int MaxWindowChunks { get; init; } = 256;

    /// <summary>
    /// Rows drawn uniformly from the whole folder before training for the methods that look at the data
    /// (<c>--sample-rows</c>; <see cref="Methods.TrainingMethods.NeedsDataSample"/>: the input scale, b_dec's mean or
    /// geometric median, the vectors that resampling scores); ≥ 1. The default is the size of one draw of the in-memory
    /// methods (<see cref="Methods.FeatureResampler.SampleSize"/>); under a tight <see cref="MaxMemoryBytes"/> the
    /// sample shrinks to what fits (<see cref="StreamingMemoryPlan.SampleRows"/>).
    /// </summary>
    [Setting("--sample-rows", "Rows drawn at random from a shard folder before training for --normalize-inputs, --b-dec-init mean|geometric_median and --resample-every (fewer if --max-memory leaves no room)")]
    public int SampleRows { get; init; } = Methods.FeatureResampler.SampleSize;

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first invalid option and its allowed values.</summary>
    public void Validate()
    {
        Require(MaxMemoryBytes > 0, $"--max-memory must be > 0, got {MaxMemoryBytes} bytes");
        Require(ChunkRows >= 1, $"--chunk-rows must be ≥ 1, got {ChunkRows}");
        Require(QueueBatches >= 1, $"queue batches must be ≥ 1, got {QueueBatches}");
        Require(MaxWindowChunks >= 1, $"window chunks must be ≥ 1, got {MaxWindowChunks}");
        Require(SampleRows >= 1, $"--sample-rows must be ≥ 1, got {SampleRows}");
    }
}
