using SaeLab.Training.Architectures;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Optimization;

namespace SaeLab.Training.Supervised;

/// <summary>
/// Any architecture's training step made supervised: it hands the inner step a <see cref="HeadLoss"/> (λ · cross-entropy
/// of a linear head on the codes, added to the SAE's loss before the activation's backward pass), sets each batch's
/// labels from the rows it trains on, and after the inner step's Adam update steps the head with its own Adam at the
/// same learning rate and clipping (Adam is elementwise, so a second optimiser at the same step count is the same
/// update as one over all six arrays; clipping bounds the head's gradient norm and the SAE's apart). It keeps the head's
/// per-epoch cross-entropy and accuracy, and checkpoints the head, its moments and that log with the inner step's state.
/// </summary>
public sealed class SupervisedTrainingStep : TrainingStepDecorator
{
    private readonly HeadLoss _loss;
    private readonly AdamOptimizer _headAdam;
    private readonly IGradientTiles[] _headGradients;
    private readonly IReadOnlyList<int> _classOfRow;
    private readonly int _batchesPerEpoch;
    private readonly long _vectorsPerEpoch;
    private readonly List<SupervisedEpochStats> _epochs = [];
    private EpochSums _current;

    /// <param name="inner">The architecture's step (with its training methods), trained in place.</param>
    /// <param name="loss">The head's loss; the head must read the inner model's codes.</param>
    /// <param name="classOfRow">The class index of each row the steps may be given (by the row numbers <see cref="Step"/> receives).</param>
    /// <param name="batchesPerEpoch">Batches in one epoch (the head's log closes an epoch after this many).</param>
    /// <param name="vectorsPerEpoch">Vectors in one epoch (the accuracy's denominator).</param>
    public SupervisedTrainingStep(ISaeTrainingStep inner, HeadLoss loss, IReadOnlyList<int> classOfRow, int batchesPerEpoch, long vectorsPerEpoch)
        : base(inner)
    {
        LinearHead head = loss.Head;
        if (head.DSae != inner.Model.DSae)
        {
            throw new ArgumentException($"the head reads {head.DSae} codes but the SAE has {inner.Model.DSae}", nameof(loss));
        }

        (_loss, _classOfRow, _batchesPerEpoch, _vectorsPerEpoch) = (loss, classOfRow, batchesPerEpoch, vectorsPerEpoch);
        int classes = head.Classes.Length;
        _headAdam = new AdamOptimizer(inner.Compute, inner.Optimizer.LearningRate, new ParameterMatrix(head.W, classes), new ParameterMatrix(head.B, classes));
        _headGradients = [new DenseGradientTiles(loss.GradW, classes), new DenseGradientTiles(loss.GradB, classes)];
        inner.CodeLoss = loss;
    }

    /// <summary>The head being trained.</summary>
    public LinearHead Head => _loss.Head;

    /// <summary>The head's log, one entry per finished epoch.</summary>
    public IReadOnlyList<SupervisedEpochStats> Epochs => _epochs;

    /// <summary>
    /// For a streamed batch, the source row of each position of the batch buffer, set before each <see cref="Step"/>: the
    /// rows a streamed step is given index the buffer, and these say whose class each is. Null in memory, where the rows
    /// given are the set's own.
    /// </summary>
    public long[]? StreamedRows { get; set; }

    /// <summary>The head's loss, which the inner step runs; it cannot be replaced.</summary>
    public override ICodeLoss? CodeLoss
    {
        get => _loss;
        set => throw new InvalidOperationException("a supervised step's code loss is its head's");
    }

    /// <summary>Trains the SAE and its head on the rows <paramref name="rows"/>; returns the SAE's loss terms (the head's are in <see cref="Epochs"/>).</summary>
    public override BatchLoss Step(ReadOnlySpan<float> values, ReadOnlySpan<int> rows)
    {
        Span<int> classes = _loss.ClassesOfNextBatch(rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            int row = StreamedRows is { } sourceRows ? checked((int)sourceRows[rows[i]]) : rows[i];
            classes[i] = _classOfRow[row] is int label and >= 0 ? label : throw new ArgumentException($"row {row} has no class", nameof(rows));
        }

        BatchLoss loss = Inner.Step(values, rows);
        _headAdam.LearningRate = Inner.Optimizer.LearningRate;
        _headAdam.MaxGradientNorm = Inner.Optimizer.MaxGradientNorm;
        _headAdam.Step(_headGradients);
        _current = new EpochSums(_current.Batches + 1, _current.CrossEntropy + _loss.LastCrossEntropy, _current.Correct + _loss.LastCorrect);
        if (_current.Batches == _batchesPerEpoch)
        {
            _epochs.Add(new SupervisedEpochStats(_epochs.Count + 1, _current.CrossEntropy / _batchesPerEpoch, (double)_current.Correct / _vectorsPerEpoch));
            _current = default;
        }

        return loss;
    }

    /// <summary>The inner step's state, then the head's weights, Adam moments and log.</summary>
    public override void SaveState(TrainingStepState state)
    {
        base.SaveState(state);
        LinearHead head = _loss.Head;
        AdamState adam = _headAdam.ExportState();
        state.Add(HeadW, head.W);
        state.Add(HeadB, head.B);
        state.Add(HeadMomentW, adam.FirstMoments[0]);
        state.Add(HeadMomentB, adam.FirstMoments[1]);
        state.Add(HeadSquareW, adam.SecondMoments[0]);
        state.Add(HeadSquareB, adam.SecondMoments[1]);
        state.AddRows(LogState, [.. _epochs.SelectMany(e => new[] { e.CrossEntropy, e.TrainAccuracy })], 2);
        state.Add(CurrentState, [_current.Batches, _current.CrossEntropy, _current.Correct]);
    }

    /// <inheritdoc/>
    public override void RestoreState(TrainingStepState state)
    {
        base.RestoreState(state);
        LinearHead head = _loss.Head;
        state.Float32(HeadW, head.W.Length).CopyTo(head.W, 0);
        state.Float32(HeadB, head.B.Length).CopyTo(head.B, 0);
        _headAdam.ImportState(new AdamState(
            Inner.Optimizer.Steps,
            [state.Float32(HeadMomentW, head.W.Length), state.Float32(HeadMomentB, head.B.Length)],
            [state.Float32(HeadSquareW, head.W.Length), state.Float32(HeadSquareB, head.B.Length)]));
        double[] log = state.Float64Rows(LogState, 2);
        _epochs.Clear();
        for (int e = 0; e < log.Length / 2; e++)
        {
            _epochs.Add(new SupervisedEpochStats(e + 1, log[2 * e], log[(2 * e) + 1]));
        }

        double[] current = state.Float64(CurrentState, 3);
        _current = new EpochSums((int)current[0], current[1], (long)current[2]);
    }

    private const string HeadW = "supervised.head.w", HeadB = "supervised.head.b";
    private const string HeadMomentW = "supervised.adam_m.w", HeadMomentB = "supervised.adam_m.b";
    private const string HeadSquareW = "supervised.adam_v.w", HeadSquareB = "supervised.adam_v.b";
    private const string LogState = "supervised.epochs", CurrentState = "supervised.epoch_in_progress";

    /// <summary>The in-progress epoch's batches, summed batch cross-entropies and correct predictions.</summary>
    private readonly record struct EpochSums(int Batches, double CrossEntropy, long Correct);
}
