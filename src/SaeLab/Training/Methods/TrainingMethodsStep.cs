using SaeLab.Sae;
using SaeLab.Statistics;
using SaeLab.Training.Architectures;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Kernels;
using SaeLab.Training.Optimization;

namespace SaeLab.Training.Methods;

/// <summary>
/// An architecture's training step with the <see cref="TrainingMethods"/> around it: before each step it sets the
/// scheduled learning rate and sparsity factor (<see cref="TrainingSchedule"/>) and, with input normalisation, hands
/// the step the batch scaled; after it, the <see cref="FeatureResampler"/> sees the codes. Clipping and the unit-norm
/// decoder live in the step's <see cref="AdamOptimizer"/>, b_dec's initialisation happens here once. With every method
/// off it passes each step straight through, so the run is the architecture's own, bit for bit.
/// </summary>
public sealed class TrainingMethodsStep : TrainingStepDecorator
{
    private readonly TrainingSchedule _schedule;
    private readonly TrainingVectors? _vectors;
    private readonly float _inputScale;
    private readonly FeatureResampler? _resampler;
    private readonly float[] _scaledBatch;
    private readonly int[] _batchRows;
    private bool _finished;

    private TrainingMethodsStep(
        ISaeTrainingStep inner, TrainingSchedule schedule, TrainingVectors? vectors, float inputScale, FeatureResampler? resampler, int batchCapacity)
        : base(inner)
    {
        (_schedule, _vectors, _inputScale, _resampler) = (schedule, vectors, inputScale, resampler);
        bool scaled = inputScale != 1f;
        _scaledBatch = scaled ? new float[checked(batchCapacity * inner.Model.DIn)] : [];
        _batchRows = scaled ? [.. Enumerable.Range(0, batchCapacity)] : [];
    }

    /// <summary>
    /// Puts the methods of <paramref name="config"/> around <paramref name="inner"/>, a fresh step, for a run of
    /// <paramref name="totalSteps"/> steps of up to <paramref name="batchCapacity"/> vectors. <paramref name="vectors"/>
    /// are the training vectors for the methods that need a sample of them (normalisation, b_dec initialisation,
    /// resampling): the training rows in memory, or a sample of a shard folder's (<see cref="TrainingVectors.Sampled"/>);
    /// null only when <see cref="TrainingMethods.NeedsDataSample"/> is false.
    /// </summary>
    public static TrainingMethodsStep Wrap(ISaeTrainingStep inner, SaeTrainingConfig config, long totalSteps, int batchCapacity, TrainingVectors? vectors)
    {
        TrainingMethods methods = config.Methods;
        if (methods.NeedsDataSample && vectors is null)
        {
            throw new ArgumentNullException(nameof(vectors), $"the methods '{methods.Describe()}' need training vectors to sample");
        }

        AdamOptimizer adam = inner.Optimizer;
        adam.MaxGradientNorm = methods.MaxGradNorm;
        if (methods.UnitNormDecoder)
        {
            adam.KeepRowsAtUnitNorm(inner.Model.WDec);
        }

        float inputScale = methods.NormalizeInputs ? InputNormalization.ScaleFor(vectors!.Values, vectors.Rows, inner.Model.DIn) : 1f;
        if (methods.BDecInit == "zeros")
        {
            Array.Clear(inner.Model.BDec);
        }
        else if (methods.BDecInit != "default")
        {
            InitializeDecoderBias(inner.Model, methods.BDecInit, vectors!.Sample(FeatureResampler.SampleSize, inputScale, StepRandom.At(config.Seed, 0)));
        }

        FeatureResampler? resampler = methods.ResampleEvery > 0
            ? new FeatureResampler(inner.Model, adam, methods.ResampleEvery, config.DeadTokens, totalSteps, config.Seed)
            : null;
        return new TrainingMethodsStep(inner, new TrainingSchedule(config.LearningRate, totalSteps, methods), vectors, inputScale, resampler, batchCapacity);
    }

    /// <inheritdoc/>
    public override BatchLoss Step(ReadOnlySpan<float> values, ReadOnlySpan<int> rows)
    {
        long next = Optimizer.Steps + 1L;
        Optimizer.LearningRate = _schedule.LearningRateAt(next);
        Inner.SparsityScale = _schedule.SparsityScaleAt(next);
        BatchLoss loss = _inputScale == 1f ? Inner.Step(values, rows) : Inner.Step(Scaled(values, rows), _batchRows.AsSpan(0, rows.Length));
        _resampler?.AfterStep(Inner.LastCodes, rows.Length, Optimizer.Steps, SampleVectors);
        return loss;
    }

    /// <summary>
    /// Ends training: folds the input normalisation back into <see cref="TrainingStepDecorator.Model"/> (which then takes raw vectors) and
    /// says what the methods did. Call once, after the last step.
    /// </summary>
    public TrainingMethodsOutcome Finish()
    {
        if (_finished)
        {
            throw new InvalidOperationException("the run is already finished");
        }

        _finished = true;
        if (_inputScale != 1f)
        {
            Model.FoldInputScale(_inputScale);
        }

        return new TrainingMethodsOutcome(_inputScale != 1f ? _inputScale : null, _resampler?.Events ?? []);
    }

    /// <summary>The architecture's state and the resampler's dead-feature counts and events (the schedules follow Adam's step count).</summary>
    public override void SaveState(TrainingStepState state)
    {
        base.SaveState(state);
        _resampler?.SaveState(state);
    }

    /// <inheritdoc/>
    public override void RestoreState(TrainingStepState state)
    {
        base.RestoreState(state);
        _resampler?.RestoreState(state);
    }

    // b_dec starts at the sample's statistic (in training units: the sample is scaled as the batches are).
    private static void InitializeDecoderBias(DictionarySae model, string method, float[] sample)
    {
        int d = model.DIn;
        double[] centre = method == "geometric_median" ? GeometricMedian.Compute(sample, d) : ColumnMeans.Of(sample, sample.Length / d, d);
        for (int j = 0; j < d; j++)
        {
            model.BDec[j] = (float)centre[j];
        }
    }

    private float[] SampleVectors(int count, Random random) => _vectors!.Sample(count, _inputScale, random);

    private ReadOnlySpan<float> Scaled(ReadOnlySpan<float> values, ReadOnlySpan<int> rows)
    {
        int d = Model.DIn;
        Span<float> batch = _scaledBatch.AsSpan(0, rows.Length * d);
        BatchGather.Rows(values, rows, d, rows.Length, batch);
        System.Numerics.Tensors.TensorPrimitives.Multiply(batch, _inputScale, batch);
        return batch;
    }
}
