using System.Numerics.Tensors;
using SaeLab.Numerics;
using SaeLab.Training.Kernels;

namespace SaeLab.Training.Architectures;

/// <summary>
/// Matryoshka SAE training (Bussmann et al. 2025, "Learning Multi-Level Features with Matryoshka Sparse Autoencoders",
/// arXiv:2503.17547, §3; Nabeshima 2024, "Matryoshka Sparse Autoencoders"; dictionary_learning
/// <c>trainers/matryoshka_batch_top_k.py</c>): BatchTopK codes, and the loss weighs the reconstruction terms of the
/// n nested dictionary prefixes p_1 &lt; … &lt; p_n = m (<see cref="SaeTrainingConfig.MatryoshkaWidths"/>; by default m/16,
/// m/8, m/4, m/2 and m, sizes below 1 and repeats dropped), so early features must reconstruct on their own. In the
/// references' units the loss is dictionary_learning's mean over prefixes of its uniformly weighted (1/n) per-vector
/// terms, (1/n²) Σ_i (1/B) Σ ‖x̂_i − x‖², against which its α = 1/32 is tuned; with per-element units, SaeLab's earlier
/// Σ_i (1/(B·d)) Σ (x̂_i − x)². With x̂_i the reconstruction from the first p_i features, n the divisor of one
/// prefix's squared errors and S_j = Σ_{i ≥ j} 2(x̂_i − x)/n, features of group j get dW_dec = z_jᵀ·S_j and dz_j = S_j·W_dec,jᵀ, and
/// db_dec = Σ_rows S_1. AuxK models the full reconstruction's residual. Infers and saves as BatchTopK does.
/// </summary>
public sealed class MatryoshkaTrainingStep : BatchTopKTrainingStep
{
    public new const string Name = "matryoshka";

    private readonly float[][] _prefixGradients;

    public MatryoshkaTrainingStep(SaeTrainingConfig config, ComputeContext compute, int dIn, int dSae, int batchCapacity, Random random)
        : base(config, compute, dIn, dSae, batchCapacity, random)
    {
        PrefixSizes = PrefixSizesFor(dSae, config.MatryoshkaWidths);
        _prefixGradients = [.. PrefixSizes.Select(_ => new float[Inputs.Length])];
    }

    /// <summary>p_1 &lt; … &lt; p_n = m.</summary>
    public IReadOnlyList<int> PrefixSizes { get; }

    /// <summary>
    /// The given <paramref name="widths"/> with m after them (unless they end at m); null: m/16, m/8, m/4, m/2, m,
    /// without sizes below 1 or repeats.
    /// </summary>
    public static IReadOnlyList<int> PrefixSizesFor(int dSae, IReadOnlyList<int>? widths = null)
    {
        if (widths is null)
        {
            return [.. new[] { 16, 8, 4, 2, 1 }.Select(divisor => dSae / divisor).Where(size => size >= 1).Distinct()];
        }

        if (widths[^1] > dSae)
        {
            throw new SaeLabException($"--matryoshka-widths must each be ≤ the dictionary size ({dSae}), got {string.Join(",", widths)}");
        }

        return [.. widths.Append(dSae).Distinct()];
    }

    // One prefix's divisor: SquaredErrorDivisor, times n² for dictionary_learning's weighting (1/n of a mean over n terms).
    private double PrefixSquaredErrorDivisor(int batch) =>
        SquaredErrorDivisor(batch) * (SumsOverDimensions ? PrefixSizes.Count * PrefixSizes.Count : 1);

    protected override double ReconstructionLossBackward(int batch)
    {
        int d = Model.DIn, m = Model.DSae;
        Span<float> errors = Errors.AsSpan(0, batch * d);
        for (int row = 0; row < batch; row++)
        {
            TensorPrimitives.Subtract(Model.BDec, Inputs.AsSpan(row * d, d), errors.Slice(row * d, d));
        }

        double loss = 0;
        int start = 0;
        bool sparse = ChoosePath(batch) == TrainingPath.Sparse;
        double divisor = PrefixSquaredErrorDivisor(batch);
        for (int i = 0; i < PrefixSizes.Count; i++)
        {
            AddDecoded(batch, start, PrefixSizes[i], sparse);
            loss += SumOfSquares(errors) / divisor;
            TensorPrimitives.Multiply(errors, 2f / (float)divisor, _prefixGradients[i].AsSpan(0, batch * d));
            start = PrefixSizes[i];
        }

        for (int i = PrefixSizes.Count - 2; i >= 0; i--)
        {
            TensorPrimitives.Add(_prefixGradients[i].AsSpan(0, batch * d), _prefixGradients[i + 1].AsSpan(0, batch * d), _prefixGradients[i].AsSpan(0, batch * d));
        }

        start = 0;
        for (int j = 0; j < PrefixSizes.Count; j++)
        {
            int width = PrefixSizes[j] - start;
            if (sparse)
            {
                SparseDecoderBackward(batch, start, PrefixSizes[j], _prefixGradients[j]);
            }
            else
            {
                Gemm.Multiply(Compute, true, false, width, d, batch, 1f, Codes.AsSpan(start), m, _prefixGradients[j], d, 0f, GradWDec.AsSpan(start * d), d);
                Gemm.Multiply(Compute, false, true, batch, width, d, 1f, _prefixGradients[j], d, Model.WDec.AsSpan(start * d), d, 0f, CodeGradients.AsSpan(start), m);
            }

            start = PrefixSizes[j];
        }

        TrainingKernels.ColumnSums(_prefixGradients[0], batch, d, GradBDec);
        return loss;
    }

    // errors [B, d] += codes[:, f0 .. fEnd) · W_dec[f0 .. fEnd): one prefix block's share of the reconstruction.
    private void AddDecoded(int batch, int f0, int fEnd, bool sparse)
    {
        int d = Model.DIn, m = Model.DSae;
        if (sparse)
        {
            SparsePass.Decode(ActiveCodes, ActiveCodes.ColumnValue, Model.WDec, f0, fEnd, Errors);
        }
        else
        {
            Gemm.Multiply(Compute, false, false, batch, d, fEnd - f0, 1f, Codes.AsSpan(f0), m, Model.WDec.AsSpan(f0 * d), d, 1f, Errors, d);
        }
    }
}
