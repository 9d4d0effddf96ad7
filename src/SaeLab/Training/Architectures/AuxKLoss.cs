using System.Numerics.Tensors;
using SaeLab.Numerics;
using SaeLab.Sae;

namespace SaeLab.Training.Architectures;

/// <summary>
/// The AuxK loss of the TopK family (Gao et al. 2024, "Scaling and evaluating sparse autoencoders", §A.2): the
/// top k_aux dead features of each row, ê = z_aux·W_dec, model the main reconstruction's residual e = x − x̂,
/// which is treated as a constant. As dictionary_learning's <c>get_auxiliary_loss</c> does, the squared error is
/// normalised by the residual's spread: L_aux = Σ‖ê − e‖² / Σ‖e − ē‖² (ē the batch mean, also constant), and the
/// step adds α·L_aux. k_aux = d/2 (dictionary_learning). Nothing is added while no feature is dead.
/// </summary>
public sealed class AuxKLoss
{
    private readonly int _dIn;
    private readonly int _dSae;
    private readonly int _kAux;
    private readonly float[] _auxCodes;
    private readonly float[] _auxCodeGradients;
    private readonly float[] _auxErrors;
    private readonly float[] _scratch;
    private readonly SparseCodes _auxColumns = new();

    public AuxKLoss(int dIn, int dSae, int batchCapacity, double coefficient, long deadWindow)
    {
        _dIn = dIn;
        _dSae = dSae;
        _kAux = Math.Max(1, dIn / 2);
        Coefficient = coefficient;
        Dead = new DeadFeatureTracker(dSae, deadWindow);
        _auxCodes = new float[checked(batchCapacity * dSae)];
        _auxCodeGradients = new float[_auxCodes.Length];
        _auxErrors = new float[checked(batchCapacity * dIn)];
        _scratch = new float[dSae];
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
    /// <see cref="TrainingPathCostModel"/> finds them sparse, or when <paramref name="forcedPath"/> says so.
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
            deadCount += Dead.IsDead(f) ? 1 : 0;
        }

        if (deadCount == 0 || Coefficient == 0)
        {
            return 0;
        }

        Span<float> auxCodes = _auxCodes.AsSpan(0, batch * m);
        for (int i = 0; i < auxCodes.Length; i++)
        {
            auxCodes[i] = Dead.IsDead(i % m) ? pre[i] : float.NegativeInfinity;
        }

        TopKSelection.KeepTopKPerRow(auxCodes, batch, m, Math.Min(_kAux, deadCount), _scratch);
        bool sparse = (forcedPath ?? TrainingPathCostModel.Choose(TrainingKernels.CountPositive(auxCodes), batch, m)) == TrainingPath.Sparse;

        // ê − e = z_aux·W_dec + (x̂ − x), since e = x − x̂.
        Span<float> auxErrors = _auxErrors.AsSpan(0, batch * d);
        errors.AsSpan(0, auxErrors.Length).CopyTo(auxErrors);
        if (sparse)
        {
            _auxColumns.Build(auxCodes, auxCodes, batch, m);
            sparsePass.Decode(_auxColumns, _auxColumns.ColumnValue, wDec, 0, m, _auxErrors);
        }
        else
        {
            Gemm.Multiply(false, false, batch, d, m, 1f, auxCodes, m, wDec, d, 1f, auxErrors, d);
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

        Span<float> auxGradients = _auxCodeGradients.AsSpan(0, batch * m);
        Gemm.Multiply(true, false, m, d, batch, scale, auxCodes, m, auxErrors, d, 1f, gradWDec, d);
        Gemm.Multiply(false, true, batch, m, d, scale, auxErrors, d, wDec, d, 0f, auxGradients, m);
        TrainingKernels.ReluL1Backward(auxCodes, auxGradients, 0f);
        TensorPrimitives.Add(preGradients.AsSpan(0, auxGradients.Length), auxGradients, preGradients.AsSpan(0, auxGradients.Length));
        return loss;
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
