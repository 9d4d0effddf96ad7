using SaeLab.Data;
using SaeLab.Training.Architectures;
using SaeLab.Training.Methods;

namespace SaeLab.Training;

/// <summary>
/// Rows of an activation set in memory: each epoch a fresh shuffle of them (one full permutation by the run's random
/// source), cut into mini-batches with the last one keeping the remainder, as reference_pipeline.py's <c>train</c>.
/// </summary>
internal sealed class InMemoryBatchSource : IBatchSource
{
    private readonly ActivationSet _data;
    private readonly int[] _rows;

    /// <param name="data">The activations.</param>
    /// <param name="rows">The rows trained on (a token's or a layer's subset, say), each checked to be in range; their order matters only to the seeded shuffles.</param>
    public InMemoryBatchSource(ActivationSet data, IReadOnlyList<int> rows)
    {
        if (rows.Count == 0)
        {
            throw SaeLabException.ForFile(data.Source, "no vectors to train on", "the data (or the chosen subset of rows) is empty");
        }

        foreach (int row in rows)
        {
            if ((uint)row >= (uint)data.Count)
            {
                throw SaeLabException.ForFile(data.Source, $"row {row} is out of range", $"the data holds {data.Count} vectors");
            }
        }

        (_data, _rows) = (data, [.. rows]);
    }

    public string Source => _data.Source;

    public int Dim => _data.Dim;

    public long Vectors => _rows.Length;

    public int RowNumbers => _data.Count;

    public string DivergenceHint => "check the activations for NaN or infinite values";

    /// <summary>The rows trained on, in their given order (which a checkpoint's data hash follows).</summary>
    public IEnumerable<float[]> RowValues => _rows.Select(row => _data.Row(row).ToArray());

    public TrainingVectors? MethodsSample(SaeTrainingConfig config) =>
        config.Methods.NeedsDataSample ? new TrainingVectors(_data.Values, _rows, _data.Dim) : null;

    public IEpochBatches Open(Random random, int epochs, int batchSize, BatchPosition start) =>
        new ShuffledBatches(_data.Values, [.. _rows], random, batchSize, start);

    /// <summary>The epochs' permutations of the rows, drawn at each epoch's start; a resumed run draws the finished epochs' first.</summary>
    private sealed class ShuffledBatches : IEpochBatches
    {
        private readonly float[] _values;
        private readonly int[] _order;
        private readonly Random _random;
        private readonly int _batchSize;

        public ShuffledBatches(float[] values, int[] order, Random random, int batchSize, BatchPosition start)
        {
            (_values, _order, _random, _batchSize) = (values, order, random, batchSize);
            for (int epoch = 1; epoch < start.Epoch; epoch++)
            {
                random.Shuffle(order);
            }
        }

        public void BeginEpoch(int epoch) => _random.Shuffle(_order);

        public BatchLoss Step(ISaeTrainingStep step, int epoch, int batch, CancellationToken cancellationToken)
        {
            int first = batch * _batchSize;
            return step.Step(_values, _order.AsSpan(first, Math.Min(_batchSize, _order.Length - first)));
        }

        public void Dispose()
        {
        }
    }
}
