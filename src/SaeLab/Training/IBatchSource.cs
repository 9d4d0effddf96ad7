using SaeLab.Training.Methods;

namespace SaeLab.Training;

/// <summary>
/// What <see cref="TrainingLoop"/> trains on: the rows in memory (<see cref="InMemoryBatchSource"/>) or streamed from a
/// shard folder (<see cref="Streaming.ShardBatchSource"/>). It knows the rows' shape and count, and opens the epochs'
/// batches once the run's random source has drawn the initialisation, since their order is drawn from it next.
/// </summary>
internal interface IBatchSource
{
    /// <summary>The file or folder the rows come from, which errors name.</summary>
    string Source { get; }

    /// <summary>Vector length d.</summary>
    int Dim { get; }

    /// <summary>Rows trained on per epoch.</summary>
    long Vectors { get; }

    /// <summary>How many row numbers the batches' rows are drawn from: a supervised run's classes are indexed by them.</summary>
    int RowNumbers { get; }

    /// <summary>What a diverged run's error asks the user to check first, e.g. "check the activations for NaN or infinite values".</summary>
    string DivergenceHint { get; }

    /// <summary>The vectors the training methods that look at the data draw from; null when <paramref name="config"/>'s methods need none.</summary>
    TrainingVectors? MethodsSample(SaeTrainingConfig config);

    /// <summary>
    /// The batches of <paramref name="epochs"/> epochs of up to <paramref name="batchSize"/> rows, ordered by draws from
    /// <paramref name="random"/>, from <paramref name="start"/> on (the order of the epochs before it drawn again, unread).
    /// </summary>
    IEpochBatches Open(Random random, int epochs, int batchSize, BatchPosition start);
}
