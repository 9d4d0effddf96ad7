using static SaeLab.SaeLabException;

namespace SaeLab.Training.Streaming;

/// <summary>How <see cref="StreamingTrainer"/> streams a shard folder under a memory cap.</summary>
public sealed record StreamingConfig
{
    /// <summary>
    /// Most resident memory the training process may use, in bytes (<c>--max-memory</c>): the process's own footprint
    /// at the start, the model, its Adam state and gradients, the batch buffers, the queue and the shuffle buffer.
    /// </summary>
    public long MaxMemoryBytes { get; init; }

    /// <summary>Consecutive rows read and shuffled as one unit (<c>--chunk-rows</c>); ≥ 1.</summary>
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

    /// <summary>
    /// Parses a size such as <c>512MB</c>, <c>2GB</c>, <c>1.5G</c>, <c>800000K</c> or a plain byte count. Units are
    /// binary (1 MB = 2²⁰ bytes), as <c>ulimit</c> and container memory limits count.
    /// </summary>
    public static long ParseBytes(string text, string option)
    {
        string trimmed = text.Trim().ToUpperInvariant();
        (string number, long unit) = trimmed switch
        {
            _ when trimmed.EndsWith("KB", StringComparison.Ordinal) => (trimmed[..^2], 1L << 10),
            _ when trimmed.EndsWith("MB", StringComparison.Ordinal) => (trimmed[..^2], 1L << 20),
            _ when trimmed.EndsWith("GB", StringComparison.Ordinal) => (trimmed[..^2], 1L << 30),
            _ when trimmed.EndsWith('K') => (trimmed[..^1], 1L << 10),
            _ when trimmed.EndsWith('M') => (trimmed[..^1], 1L << 20),
            _ when trimmed.EndsWith('G') => (trimmed[..^1], 1L << 30),
            _ when trimmed.EndsWith('B') => (trimmed[..^1], 1L),
            _ => (trimmed, 1L),
        };
        return double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value)
               && double.IsFinite(value) && value > 0 && value * unit < long.MaxValue
            ? (long)(value * unit)
            : throw new SaeLabException($"{option} '{text}' is not a size; write e.g. 512MB, 2GB or a byte count");
    }
}
