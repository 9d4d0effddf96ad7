using SaeLab.Training.Architectures;

namespace SaeLab.Training;

/// <summary>The mini-batches of a run, in order, as <see cref="IBatchSource.Open"/> prepared them.</summary>
internal interface IEpochBatches : IDisposable
{
    /// <summary>Called before the first batch <see cref="TrainingLoop"/> runs of <paramref name="epoch"/> (a resumed epoch's too).</summary>
    void BeginEpoch(int epoch);

    /// <summary>Trains <paramref name="step"/> on batch <paramref name="batch"/> (0-based) of <paramref name="epoch"/> and returns its loss.</summary>
    BatchLoss Step(ISaeTrainingStep step, int epoch, int batch, CancellationToken cancellationToken);
}
