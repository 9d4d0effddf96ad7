using System.Numerics.Tensors;
using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Training.Kernels;

namespace SaeLab.Training.Architectures;

/// <summary>
/// The AuxK loss of the TopK family (Gao et al. 2024, "Scaling and evaluating sparse autoencoders", §A.2): the
/// top k_aux dead features of each row, ê = z_aux·W_dec, model the main reconstruction's residual e = x − x̂,
/// which is treated as a constant. As dictionary_learning's <c>get_auxiliary_loss</c> does, the squared error is
/// normalised by the residual's spread: L_aux = Σ‖ê − e‖² / Σ‖e − ē‖² (ē the batch mean, also constant), and the
/// step adds α·L_aux. k_aux = d/2 (dictionary_learning). Nothing is added while no feature is dead.
/// Only the dead features take part, so the products run over them alone: compacted to dense [B, |dead|] codes and
/// gathered decoder rows, or, when the auxiliary codes are sparse, by feature over their non-zeros.
/// </summary>
public sealed class AuxKLoss
{
    private readonly int _dIn;
    private readonly int _dSae;
    private readonly int _kAux;
    private readonly float[] _auxCodes;
    private readonly float[] _auxCodeGradients;
    private readonly float[] _auxErrors;
    private readonly ComputeContext _compute;
    private readonly float[] _scratch;
    private readonly int[] _deadFeatures;
    private readonly SparseCodes _auxColumns = new();
    private float[] _deadDecoder = [];
    private float[] _deadDecoderGradient = [];

    public AuxKLoss(ComputeContext compute, int dIn, int dSae, int batchCapacity, double coefficient, long deadWindow)
    {
        _compute = compute;
        _dIn = dIn;
        _dSae = dSae;
        _kAux = Math.Max(1, dIn / 2);
        Coefficient = coefficient;
        Dead = new DeadFeatureTracker(dSae, deadWindow);
        _auxCodes = new float[checked(batchCapacity * dSae)];
        _auxCodeGradients = new float[_auxCodes.Length];
        _auxErrors = new float[checked(batchCapacity * dIn)];
        _scratch = new float[dSae];
        _deadFeatures = new int[dSae];
    }

    /// <summary>α.</summary>
    public double Coefficient { get; }

    /// <summary>The dead-feature counts the loss selects from.</summary>
    public DeadFeatureTracker Dead { get; }

    /// <summary>
    /// Records the batch's codes, then adds α·∇L_aux to <paramref name="gradWDec"/> [m, d] and to
    /// <paramref name="preGradients"/> [B, m] (dL/dpre) given <paramref name="pre"/> [B, m], the main
    /// <paramref name="errors"/> x̂ − x [B, d] and the decoder <paramref name="wDec"/> [m, d]. Returns α·L_aux.
    /// The auxiliary codes take the sparse path (by feature, on <paramref name="sparsePass"/>) when
    /// <see cref="TrainingPathCostModel"/> finds them sparse among the dead features, or when <paramref name="forcedPath"/> says so.
    /// </summary>
    internal double AddGradients(
        ReadOnlySpan<float> pre, ReadOnlySpan<float> codes, float[] errors, int batch, float[] wDec, float[] gradWDec, float[] preGradients,
        SparseFeaturePass sparsePass, TrainingPath? forcedPath)
    {
        int d = _dIn, m = _dSae;
        Dead.Record(codes, batch);
        int deadCount = 0;
        for (int f = 0; f < m; f++)
        {
            _deadFeatures[deadCount] = f;
            deadCount += Dead.IsDead(f) ? 1 : 0;
        }

        if (deadCount == 0 || Coefficient == 0)
        {
            return 0;
        }

        // z_aux [B, |dead|]: each row's top k_aux pre-activations among the dead features, ReLU'd.
        Span<float> auxCodes = _auxCodes.AsSpan(0, batch * deadCount);
        for (int row = 0; row < batch; row++)
        {
            for (int j = 0; j < deadCount; j++)
            {
                auxCodes[row * deadCount + j] = pre[row * m + _deadFeatures[j]];
            }
        }

        TopKSelection.KeepTopKPerRow(auxCodes, batch, deadCount, Math.Min(_kAux, deadCount), _scratch);
        bool sparse = (forcedPath ?? TrainingPathCostModel.Choose(TrainingKernels.CountPositive(auxCodes), batch, deadCount)) == TrainingPath.Sparse;

        // ê − e = z_aux·W_dec + (x̂ − x), since e = x − x̂.
        Span<float> auxErrors = _auxErrors.AsSpan(0, batch * d);
        errors.AsSpan(0, auxErrors.Length).CopyTo(auxErrors);
        if (sparse)
        {
            ExpandToAllFeatures(batch, deadCount);
            _auxColumns.Build(_auxCodeGradients, _auxCodeGradients, batch, m);
            sparsePass.Decode(_auxColumns, _auxColumns.ColumnValue, wDec, 0, m, _auxErrors);
        }
        else
        {
            GatherDeadDecoderRows(wDec, deadCount);
            Gemm.Multiply(_compute, false, false, batch, d, deadCount, 1f, auxCodes, deadCount, _deadDecoder, d, 1f, auxErrors, d);
        }

        double spread = ResidualSpread(errors, batch);
        if (!(spread > 0))
        {
            return 0;
        }

        double loss = Coefficient * DictionaryTrainingStep.SumOfSquares(auxErrors) / spread;
        float scale = (float)(2 * Coefficient / spread);
        if (sparse)
        {
            // The selected features are dead, so none is active in this batch: their entries are disjoint from the main codes'.
            TensorPrimitives.Multiply(auxErrors, scale, auxErrors);
            sparsePass.AddDecoderRows(_auxColumns, _auxColumns.ColumnValue, _auxErrors, 0, m, gradWDec);
            sparsePass.CodeGradients(_auxColumns, _auxErrors, wDec, 0, m);
            _auxColumns.AddColumns(_auxColumns.ColumnGradient, m, 0, m, preGradients);
            return loss;
        }

        Span<float> deadGradient = _deadDecoderGradient.AsSpan(0, deadCount * d);
        Span<float> auxGradients = _auxCodeGradients.AsSpan(0, batch * deadCount);
        Gemm.Multiply(_compute, true, false, deadCount, d, batch, scale, auxCodes, deadCount, auxErrors, d, 0f, deadGradient, d);
        Gemm.Multiply(_compute, false, true, batch, deadCount, d, scale, auxErrors, d, _deadDecoder, d, 0f, auxGradients, deadCount);
        TrainingKernels.ReluL1Backward(auxCodes, auxGradients, 0f);
        for (int j = 0; j < deadCount; j++)
        {
            Span<float> row = gradWDec.AsSpan(_deadFeatures[j] * d, d);
            TensorPrimitives.Add(row, deadGradient.Slice(j * d, d), row);
            for (int b = 0; b < batch; b++)
            {
                preGradients[b * m + _deadFeatures[j]] += auxGradients[b * deadCount + j];
            }
        }

        return loss;
    }

    // The compact z_aux [B, |dead|] spread over all m features, in the (otherwise idle on this path) gradient buffer.
    private void ExpandToAllFeatures(int batch, int deadCount)
    {
        int m = _dSae;
        Span<float> full = _auxCodeGradients.AsSpan(0, batch * m);
        full.Clear();
        for (int row = 0; row < batch; row++)
        {
            for (int j = 0; j < deadCount; j++)
            {
                full[row * m + _deadFeatures[j]] = _auxCodes[row * deadCount + j];
            }
        }
    }

    // The dead features' decoder rows [|dead|, d], contiguous for the products (buffers grow to the most dead features seen).
    private void GatherDeadDecoderRows(float[] wDec, int deadCount)
    {
        int d = _dIn;
        if (_deadDecoder.Length < deadCount * d)
        {
            _deadDecoder = new float[checked(deadCount * d)];
            _deadDecoderGradient = new float[_deadDecoder.Length];
        }

        for (int j = 0; j < deadCount; j++)
        {
            wDec.AsSpan(_deadFeatures[j] * d, d).CopyTo(_deadDecoder.AsSpan(j * d, d));
        }
    }

    /// <summary>Σ_b ‖e_b − ē‖² of the residual (the sign of e does not matter).</summary>
    private double ResidualSpread(ReadOnlySpan<float> errors, int batch)
    {
        int d = _dIn;
        double spread = 0;
        for (int i = 0; i < d; i++)
        {
            double mean = 0;
            for (int row = 0; row < batch; row++)
            {
                mean += errors[row * d + i];
            }

            mean /= batch;
            for (int row = 0; row < batch; row++)
            {
                double centred = errors[row * d + i] - mean;
                spread += centred * centred;
            }
        }

        return spread;
    }
}
