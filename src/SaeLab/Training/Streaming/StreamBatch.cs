namespace SaeLab.Training.Streaming;

/// <summary>One mini-batch the reader thread prepared: <see cref="Rows"/> vectors, contiguous, at the start of <see cref="Values"/>.</summary>
/// <param name="Values">A pooled buffer [batch capacity, d]; hand the batch back with <see cref="BatchStream.Return"/>.</param>
/// <param name="SourceRows">The source row of each of its vectors (pooled with <see cref="Values"/>): what labels a streamed supervised batch.</param>
/// <param name="Rows">Vectors in the batch.</param>
/// <param name="Epoch">1-based epoch it belongs to.</param>
internal readonly record struct StreamBatch(float[] Values, long[] SourceRows, int Rows, int Epoch);
