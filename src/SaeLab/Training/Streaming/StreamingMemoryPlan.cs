using System.Globalization;
using SaeLab.Training.Methods;

namespace SaeLab.Training.Streaming;

/// <summary>
/// How a streaming run spends its memory cap, all in bytes. The model's share is the trainer's own arrays: weights,
/// gradients and two Adam moments (4 × P floats for P parameters), one more copy of the weights while the checkpoint
/// is written, and the step's batch buffers (x, x̂, z, dz: B·(2d + 2m) floats); <see cref="ScratchBytes"/> covers the
/// product kernels' packing buffers and the runtime's allocation slack. The methods that look at the data
/// (<see cref="TrainingMethods.NeedsDataSample"/>) get a sample of the rows, held for the whole run
/// (<see cref="SampleBytes"/>), before the shuffle buffer gets what is left.
/// </summary>
/// <param name="CapBytes">The cap (<c>--max-memory</c>).</param>
/// <param name="BaselineBytes">The process's working set before training (runtime, code, the opened index).</param>
/// <param name="ModelBytes">Weights, gradients, Adam moments, checkpoint copy and the step's batch buffers.</param>
/// <param name="ScratchBytes">Fixed allowance for kernel scratch and allocator slack.</param>
/// <param name="QueueBytes">Batches prepared ahead by the reader thread, plus the one being filled and the one being trained on.</param>
/// <param name="WindowBytes">The shuffle buffer and one chunk's read buffer.</param>
/// <param name="WindowRows">Rows the shuffle buffer holds.</param>
/// <param name="SampleBytes">The methods' sample with what the methods allocate to use it (<see cref="SampleBytesFor"/>); 0 without such methods.</param>
/// <param name="SampleRows">Rows in the methods' sample; 0 without such methods.</param>
/// <param name="RequestedSampleRows">Rows the sample was to hold, min(<see cref="StreamingConfig.SampleRows"/>, rows); more than <paramref name="SampleRows"/> when the cap shrank it.</param>
public sealed record StreamingMemoryPlan(
    long CapBytes, long BaselineBytes, long ModelBytes, long ScratchBytes, long QueueBytes, long WindowBytes, int WindowRows,
    long SampleBytes, int SampleRows, int RequestedSampleRows)
{
    /// <summary>The allowance for kernel scratch and allocator slack.</summary>
    public const long DefaultScratchBytes = 16L << 20;

    /// <summary>
    /// The smallest sample a cap may shrink the methods' sample to (or what was asked for, when less: every row of a small
    /// set, or a smaller <see cref="StreamingConfig.SampleRows"/>): with fewer, the input scale and b_dec's centre carry more
    /// than about 1/√256 ≈ 6 % sampling noise, so the run is refused instead.
    /// </summary>
    public const int MinimumSampleRows = 256;

    // FeatureResampler scores its sample 256 vectors at a time: codes [256, m] and reconstructions [256, d].
    private const int ResamplerScoringRows = 256;

    // Per sample row: the row lists of the sample and of a draw, the choice's hash set, the resampler's errors and keys and their sort.
    private const int BookkeepingBytesPerSampleRow = 64;

    /// <summary>The planned resident total.</summary>
    public long TotalBytes => BaselineBytes + ModelBytes + ScratchBytes + QueueBytes + WindowBytes + SampleBytes;

    /// <summary>Whether the cap left room for fewer sample rows than <see cref="StreamingConfig.SampleRows"/> asked for.</summary>
    public bool SampleShrunk => SampleRows < RequestedSampleRows;

    /// <summary>
    /// Sizes the buffers of a d → m SAE trained in batches of <paramref name="batchSize"/> on <paramref name="rows"/> rows
    /// under <see cref="StreamingConfig.MaxMemoryBytes"/>, with the <paramref name="methods"/>' sample when they need one
    /// (shrunk, down to <see cref="MinimumSampleRows"/>, until one shuffle chunk fits beside it); the shuffle buffer gets
    /// what is left, in whole chunks. Throws a <see cref="SaeLabException"/> when not even one chunk (and the smallest
    /// sample) fits. <paramref name="batchFloatsPerVector"/> is the architecture's batch buffers per vector
    /// (<see cref="Architectures.SaeArchitecture.BatchFloatsPerVector"/>). With <paramref name="checkpoints"/> the model also
    /// counts what writing a checkpoint holds at once: a copy of both Adam moments and the tensors of the weights and
    /// moments (4 more copies of the parameters beside the one every run counts for saving).
    /// </summary>
    public static StreamingMemoryPlan For(
        int dIn, int dSae, int batchSize, long rows, StreamingConfig config, long baselineBytes, long batchFloatsPerVector,
        TrainingMethods? methods = null, bool checkpoints = false)
    {
        config.Validate();
        long parameters = 2L * dIn * dSae + dIn + dSae;
        long model = 4 * (((checkpoints ? 9 : 5) * parameters) + (batchSize * batchFloatsPerVector));
        long queue = 4L * (config.QueueBatches + 2) * batchSize * dIn;
        long rowBytes = 4L * dIn;
        long chunkBytes = config.ChunkRows * rowBytes;
        long fixedBytes = baselineBytes + model + DefaultScratchBytes + queue + chunkBytes;
        bool sampled = methods?.NeedsDataSample == true;
        bool resamples = methods?.ResampleEvery > 0;
        int requested = sampled ? (int)Math.Min(config.SampleRows, rows) : 0;
        int minimum = Math.Min(MinimumSampleRows, requested);
        long room = config.MaxMemoryBytes - fixedBytes - chunkBytes;
        int sampleRows = LargestSampleWithin(room, minimum, requested, n => SampleBytesFor(n, dIn, dSae, resamples));
        long sampleBytes = SampleBytesFor(sampleRows, dIn, dSae, resamples);
        long chunksNeeded = (rows + config.ChunkRows - 1) / config.ChunkRows;
        long chunks = Math.Min(Math.Min((config.MaxMemoryBytes - fixedBytes - sampleBytes) / chunkBytes, config.MaxWindowChunks), chunksNeeded);
        if (chunks < 1)
        {
            long minimumSample = SampleBytesFor(minimum, dIn, dSae, resamples);
            string sample = sampled ? $", a sample of {minimum} rows for {methods!.Describe()} ({Megabytes(minimumSample)})" : "";
            throw new SaeLabException(string.Create(
                CultureInfo.InvariantCulture,
                $"--max-memory {Megabytes(config.MaxMemoryBytes)} is too small: the process already uses {Megabytes(baselineBytes)}, " +
                $"the {dIn} -> {dSae} SAE with its Adam state, gradients and batch buffers needs {Megabytes(model)}, kernel scratch " +
                $"{Megabytes(DefaultScratchBytes)}, the batch queue {Megabytes(queue)}{sample} and a {config.ChunkRows}-row chunk ({Megabytes(chunkBytes)}) both to read into and to shuffle; " +
                $"give at least {Megabytes(fixedBytes + minimumSample + chunkBytes)}, or lower --batch-size, --features or --chunk-rows{(sampled ? " (or --sample-rows)" : "")}"));
        }

        int windowRows = (int)Math.Min(chunks * config.ChunkRows, int.MaxValue);
        return new StreamingMemoryPlan(
            config.MaxMemoryBytes, baselineBytes, model, DefaultScratchBytes, queue, chunkBytes + chunks * chunkBytes, windowRows, sampleBytes, sampleRows, requested);
    }

    /// <summary>
    /// Bytes that a sample of <paramref name="sampleRows"/> vectors of d = <paramref name="dIn"/> costs a run: the sample
    /// (4·n·d), one draw from it (<see cref="TrainingVectors.Sample"/> copies up to <see cref="FeatureResampler.SampleSize"/>
    /// rows for b_dec's initialisation and each resampling), 64 bytes of row lists per sample row and, when
    /// <paramref name="resamples"/>, the resampler's scoring buffers (256 rows of codes and reconstructions).
    /// </summary>
    public static long SampleBytesFor(int sampleRows, int dIn, int dSae, bool resamples)
    {
        if (sampleRows == 0)
        {
            return 0;
        }

        long draw = Math.Min(sampleRows, FeatureResampler.SampleSize);
        long scoring = resamples ? 4L * ResamplerScoringRows * (dIn + dSae) : 0;
        return 4L * (sampleRows + draw) * dIn + (long)BookkeepingBytesPerSampleRow * sampleRows + scoring;
    }

    /// <summary>Bytes as binary megabytes with one decimal, for messages.</summary>
    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MB");

    // The largest n in [minimum, requested] whose bytes fit in room (cost grows with n); minimum when none does, which the caller refuses.
    private static int LargestSampleWithin(long room, int minimum, int requested, Func<int, long> bytes)
    {
        int low = minimum, high = requested;
        while (low < high)
        {
            int middle = low + ((high - low + 1) / 2);
            (low, high) = bytes(middle) <= room ? (middle, high) : (low, middle - 1);
        }

        return low;
    }
}
