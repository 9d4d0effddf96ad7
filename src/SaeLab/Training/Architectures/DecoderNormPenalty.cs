using System.Numerics.Tensors;
using SaeLab.Numerics;
using SaeLab.Training.Optimization;

namespace SaeLab.Training.Architectures;

/// <summary>
/// The per-feature pieces of the L1 penalty weighted by decoder row norms, (l1/B) Σ_b Σ_f z_bf · n_f with
/// n_f = ‖W_dec[f, :]‖₂, for one step at the current weights. Anthropic's "Circuits Updates – April 2024"
/// (https://transformer-circuits.pub/2024/april-update/index.html#training-saes) trains with this penalty in place of
/// unit-norm decoder rows, so that shrinking the codes while growing the decoder rows no longer lowers the loss; SAELens
/// calls it <c>scale_sparsity_penalty_by_decoder_norm</c>, dictionary_learning's <c>StandardTrainerAprilUpdate</c> uses it.
/// Its gradients: dL/dz_bf gains (l1/B)·n_f (the feature weight <see cref="Norms"/> times l1/B), and dL/dW_dec[f, :]
/// gains the rank-one term (l1/B)·(Σ_b z_bf)·W_dec[f, :] / n_f (<see cref="RowCoefficients"/>; 0 where n_f = 0, the
/// subgradient PyTorch takes there).
/// </summary>
internal sealed class DecoderNormPenalty : IParallelJob
{
    // Below this many decoder values per thread the norms are computed on the calling thread only.
    private const int MinValuesPerThread = 1 << 16;

    private readonly float[] _wDec;
    private readonly int _dIn;
    private readonly int _threads;
    private int _parts;

    /// <param name="wDec">W_dec [features, dIn], read at every <see cref="ComputeNorms"/>.</param>
    /// <param name="dIn">Its row width.</param>
    /// <param name="compute">The threads the norms are split across.</param>
    public DecoderNormPenalty(float[] wDec, int dIn, ComputeContext compute)
    {
        _threads = compute.Threads;
        _wDec = wDec;
        _dIn = dIn;
        int features = wDec.Length / dIn;
        Norms = new float[features];
        CodeSums = new float[features];
        RowCoefficients = new float[features];
    }

    /// <summary>n_f [m] at the weights of the last <see cref="ComputeNorms"/>.</summary>
    public float[] Norms { get; }

    /// <summary>Σ_b z_bf [m] of the batch, filled by the caller before <see cref="Finish"/>.</summary>
    public float[] CodeSums { get; }

    /// <summary>(l1/B)·(Σ_b z_bf) / n_f [m]: the coefficient of W_dec[f, :] in dL/dW_dec[f, :], set by <see cref="Finish"/>.</summary>
    public float[] RowCoefficients { get; }

    /// <summary>n_f for every decoder row at the current W_dec (it changes every step), the rows split across threads.</summary>
    public void ComputeNorms()
    {
        _parts = (int)Math.Clamp(_wDec.Length / MinValuesPerThread, 1, _threads);
        ComputeWorkers.Run(_parts, this);
    }

    /// <summary>
    /// From <see cref="CodeSums"/>: sets <see cref="RowCoefficients"/> and returns the penalty (l1/B)·Σ_f n_f·Σ_b z_bf,
    /// summed in double. <paramref name="l1Scale"/> is l1/B.
    /// </summary>
    public double Finish(float l1Scale)
    {
        double weighted = 0;
        for (int f = 0; f < Norms.Length; f++)
        {
            weighted += (double)Norms[f] * CodeSums[f];
            RowCoefficients[f] = Norms[f] > 0 ? l1Scale * CodeSums[f] / Norms[f] : 0f;
        }

        return l1Scale * weighted;
    }

    /// <summary>The decoder gradient <paramref name="inner"/> with this penalty's rank-one row terms added to each tile.</summary>
    public RowTermGradientTiles DecoderGradient(IGradientTiles inner) => new RowTermGradientTiles(inner, RowCoefficients, _wDec, _dIn);

    public void RunPart(int part)
    {
        int features = Norms.Length;
        int first = (int)((long)features * part / _parts), end = (int)((long)features * (part + 1) / _parts);
        for (int f = first; f < end; f++)
        {
            Norms[f] = TensorPrimitives.Norm(_wDec.AsSpan(f * _dIn, _dIn));
        }
    }
}
