namespace SaeLab.Training.Streaming;

/// <summary>
/// What fixes a streaming run's row order and the methods' sample beside the seed, as its checkpoint keeps them: the
/// memory plan sizes the shuffle buffer and the sample from the memory left at the start, which a resumed run's process
/// does not have the same of, so it takes these instead of planning again.
/// </summary>
/// <param name="ChunkRows">Consecutive rows read and shuffled as one unit.</param>
/// <param name="WindowRows">Rows the shuffle buffer held.</param>
/// <param name="SampleRows">Rows of the methods' sample (0 without such methods).</param>
public sealed record StreamingOrder(int ChunkRows, int WindowRows, int SampleRows);
