namespace SaeLab.Training.Streaming;

/// <summary>Where a stream of mini-batches begins: the 1-based epoch and the batches of it already trained on.</summary>
internal readonly record struct StreamPosition(int Epoch, int Batches)
{
    /// <summary>A fresh run's start.</summary>
    public static StreamPosition Start => new(1, 0);
}
