using System.Numerics.Tensors;
using SaeLab.Sae;
using SaeLab.Statistics;
using SaeLab.Training.Architectures;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Optimization;

namespace SaeLab.Training.Methods;

/// <summary>
/// Re-initialises dead features of an SAE of any architecture, as Anthropic's "Towards Monosemanticity" (2023, "Neuron
/// Resampling") describes and dictionary_learning's <c>resample_neurons</c> implements: every
/// <see cref="TrainingMethods.ResampleEvery"/> steps, the features that have not fired for
/// <see cref="SaeTrainingConfig.DeadTokens"/> vectors (<see cref="DeadFeatureTracker"/>) each take one vector of a
/// sample of training vectors, drawn without replacement with probability proportional to the square of the SAE's
/// squared error on it: the decoder row becomes the vector normalised, the encoder column the same direction times 0.2 ×
/// the mean norm of the live features' encoder columns, and Adam's moments of all three start afresh. Anthropic's
/// encoder sees x − b_dec, with b_dec initialised at the geometric median, and sets the new encoder bias to 0. The
/// seed's ReLU SAE sees x itself and its b_dec starts near 0 and learns the activations' large shared mean only
/// slowly, so here the vector is centred on the sample's mean μ and the encoder bias set to −μ·w_enc: the new feature's
/// pre-activation is w_enc·(x − μ), as in Anthropic's setting (with <c>--apply-b-dec-to-input</c>, −(μ − b_dec)·w_enc). Uncentred (or centred on an untrained b_dec), every new
/// feature points along the shared mean and fires on every vector, and a few hundred of them at once blew the
/// reconstruction up (loss 0.2 → 3400 on the synthetic set of experiments/training-methods.yaml).
/// The other architectures take the same encoder column and bias (<see cref="DictionarySae.ResetFeatureBias"/>: b_enc, or
/// the gated SAE's b_gate and b_mag with r_mag = 0); JumpReLU keeps its threshold. The error weights come from the model's
/// inference encoding (BatchTopK's and Matryoshka's threshold, not the batch's top k).
/// No feature is resampled in the last <see cref="TrainingMethods.ResampleEvery"/> steps, which would leave it no time to learn.
/// </summary>
public sealed class FeatureResampler
{
    /// <summary>Vectors whose errors weight the draw (Anthropic use 819,200; the seed's whole set is 10,800).</summary>
    public const int SampleSize = 4096;

    // Anthropic: "the encoder weights … the normalized input vector times 0.2 times the average norm of the encoder weights of alive neurons".
    private const float EncoderNormFactor = 0.2f;

    // The checkpoint's names for the tracker's counts and for the events, a table of (step, dead, resampled) rows.
    private const string TrackerState = "resampler.vectors_since_fired";
    private const string EventsState = "resampler.events";

    private readonly DictionarySae _sae;
    private readonly AdamOptimizer _adam;
    private readonly int _every;
    private readonly long _lastResamplingStep;
    private readonly int _seed;
    private readonly List<ResamplingEvent> _events = [];

    /// <param name="sae">The SAE being trained.</param>
    /// <param name="adam">Its optimiser (moments of resampled features are reset).</param>
    /// <param name="every">Steps between resamplings; ≥ 1.</param>
    /// <param name="deadWindow">Vectors without firing after which a feature is dead.</param>
    /// <param name="totalSteps">Steps in the run (the last <paramref name="every"/> of them resample nothing).</param>
    /// <param name="seed">The run's seed: the resampling after step s draws from <see cref="StepRandom.At"/>(seed, s).</param>
    public FeatureResampler(DictionarySae sae, AdamOptimizer adam, int every, long deadWindow, long totalSteps, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(every);
        (_sae, _adam, _every, _lastResamplingStep, _seed) = (sae, adam, every, totalSteps - every, seed);
        Tracker = new DeadFeatureTracker(sae.DSae, deadWindow);
    }

    /// <summary>Vectors since each feature last fired.</summary>
    public DeadFeatureTracker Tracker { get; }

    /// <summary>The resamplings so far.</summary>
    public IReadOnlyList<ResamplingEvent> Events => _events;

    /// <summary>
    /// Records the codes [batch, d_sae] of step <paramref name="step"/>; on every <see cref="TrainingMethods.ResampleEvery"/>-th
    /// step with dead features, resamples them from <paramref name="sample"/>(n, random), which returns n training vectors
    /// [n, d] (in the units the SAE is trained in) drawn by random, the step's <see cref="StepRandom"/>.
    /// </summary>
    public void AfterStep(ReadOnlySpan<float> codes, int batch, int step, Func<int, Random, float[]> sample)
    {
        Tracker.Record(codes, batch);
        if (step % _every != 0 || step > _lastResamplingStep)
        {
            return;
        }

        int[] dead = [.. Enumerable.Range(0, _sae.DSae).Where(Tracker.IsDead)];
        if (dead.Length > 0)
        {
            Random random = StepRandom.At(_seed, step);
            float[] vectors = sample(SampleSize, random);
            _events.Add(new ResamplingEvent(step, dead.Length, Resample(dead, vectors, vectors.Length / _sae.DIn, random)));
        }
    }

    /// <summary>Re-initialises <paramref name="dead"/> from the <paramref name="n"/> vectors [n, d], drawn by <paramref name="random"/>; returns how many were.</summary>
    public int Resample(int[] dead, float[] vectors, int n, Random random)
    {
        int d = _sae.DIn, m = _sae.DSae;
        int[] chosen = DrawByError(vectors, n, dead.Length, random);
        float encoderNorm = EncoderNormFactor * MeanLiveEncoderNorm(dead);
        float[] centre = [.. ColumnMeans.Of(vectors, n, d).Select(x => (float)x)];

        // μ as the encoder sees it: x − b_dec when it centres, so that the new feature's pre-activation is still w·(x − μ).
        float[] encoderCentre = _sae.ApplyBDecToInput ? [.. centre.Zip(_sae.BDec, (mu, b) => mu - b)] : centre;
        float[] direction = new float[d];
        int resampled = 0;
        for (int k = 0; k < chosen.Length; k++)
        {
            TensorPrimitives.Subtract(vectors.AsSpan(chosen[k] * d, d), centre, direction);
            float norm = TensorPrimitives.Norm(direction);
            if (!(norm > 0f))
            {
                continue;
            }

            int f = dead[resampled++];
            TensorPrimitives.Divide(direction, norm, direction);
            direction.CopyTo(_sae.WDec.AsSpan(f * d, d));
            for (int j = 0; j < d; j++)
            {
                _sae.WEnc[j * m + f] = direction[j] * encoderNorm;
            }

            _adam.ResetRow(_sae.WDec, f);
            _adam.ResetColumn(_sae.WEnc, f);
            foreach (float[] bias in _sae.ResetFeatureBias(f, -encoderNorm * TensorPrimitives.Dot(direction, encoderCentre)))
            {
                _adam.ResetColumn(bias, f);
            }

            Tracker.VectorsSinceFired[f] = 0;
        }

        return resampled;
    }

    /// <summary>Adds the dead-feature counts and the events so far to a checkpoint's <paramref name="state"/>.</summary>
    public void SaveState(TrainingStepState state)
    {
        Tracker.Save(state, TrackerState);
        state.AddRows(EventsState, [.. _events.SelectMany(e => new long[] { e.Step, e.Dead, e.Resampled })], 3);
    }

    /// <summary>Restores what <see cref="SaveState"/> added.</summary>
    public void RestoreState(TrainingStepState state)
    {
        Tracker.Restore(state, TrackerState);
        long[] events = state.Int64Rows(EventsState, 3);
        _events.Clear();
        for (int i = 0; i < events.Length; i += 3)
        {
            _events.Add(new ResamplingEvent((int)events[i], (int)events[i + 1], (int)events[i + 2]));
        }
    }

    // Efraimidis–Spirakis weighted sampling without replacement: the count largest keys log(u)/w, w = (squared error)².
    private int[] DrawByError(float[] vectors, int n, int count, Random random)
    {
        double[] errors = SquaredErrors(vectors, n);
        double largest = errors.Max();
        var keys = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Relative weights: dividing by the largest keeps (error)² from overflowing; all-zero errors draw uniformly.
            double weight = largest > 0 ? Math.Pow(errors[i] / largest, 2) : 1;
            keys[i] = weight > 0 ? Math.Log(1 - random.NextDouble()) / weight : double.NegativeInfinity;
        }

        return [.. Enumerable.Range(0, n).Where(i => !double.IsNegativeInfinity(keys[i])).OrderByDescending(i => keys[i]).ThenBy(i => i).Take(count)];
    }

    private double[] SquaredErrors(float[] vectors, int n)
    {
        const int Chunk = 256;
        int d = _sae.DIn;
        var codes = new float[Chunk * _sae.DSae];
        var reconstruction = new float[Chunk * d];
        var errors = new double[n];
        for (int start = 0; start < n; start += Chunk)
        {
            int rows = Math.Min(Chunk, n - start);
            ReadOnlySpan<float> x = vectors.AsSpan(start * d, rows * d);
            _sae.Encode(x, rows, codes);
            _sae.Decode(codes, rows, reconstruction);
            TensorPrimitives.Subtract(reconstruction.AsSpan(0, rows * d), x, reconstruction);
            for (int r = 0; r < rows; r++)
            {
                errors[start + r] = TensorPrimitives.SumOfSquares(reconstruction.AsSpan(r * d, d));
            }
        }

        return errors;
    }

    private float MeanLiveEncoderNorm(int[] dead)
    {
        int d = _sae.DIn, m = _sae.DSae;
        var isDead = new bool[m];
        foreach (int f in dead)
        {
            isDead[f] = true;
        }

        var squares = new double[m];
        for (int j = 0; j < d; j++)
        {
            ReadOnlySpan<float> row = _sae.WEnc.AsSpan(j * m, m);
            for (int f = 0; f < m; f++)
            {
                squares[f] += row[f] * row[f];
            }
        }

        double[] live = [.. Enumerable.Range(0, m).Where(f => !isDead[f]).Select(f => Math.Sqrt(squares[f]))];
        return live.Length > 0 ? (float)live.Average() : 1f;
    }
}
