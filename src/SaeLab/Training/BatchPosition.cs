namespace SaeLab.Training;

/// <summary>Where a run's mini-batches begin: the 1-based epoch and the batches of it already trained on.</summary>
internal readonly record struct BatchPosition(int Epoch, int Batches)
{
    /// <summary>A fresh run's start.</summary>
    public static BatchPosition Start => new(1, 0);
}
