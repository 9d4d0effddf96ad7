using System.Numerics.Tensors;
using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Training.Kernels;

namespace SaeLab.Training.Architectures;

/// <summary>
/// Gated SAE training (Rajamanoharan et al. 2024, "Improving Dictionary Learning with Gated Sparse Autoencoders",
/// arXiv:2404.16014, §3.2, eq. 9; SAELens <c>GatedTrainingSAE</c>; dictionary_learning <c>trainers/gdm.py</c>). With
/// pre = x'·W_enc (x' = x − b_dec by default), π_gate = pre + b_gate and π_mag = pre·exp(r_mag) + b_mag, the codes are
/// z = [π_gate &gt; 0]·ReLU(π_mag) and
/// <code>
/// L = R(z·W_dec + b_dec) + λ·(1/B) Σ_bf ReLU(π_gate)_bf·‖W_dec,f‖ + R(ReLU(π_gate)·sg(W_dec) + sg(b_dec))
/// </code>
/// with R the reconstruction term (per vector: (1/B) Σ ‖x̂ − x‖², SAELens's units; or per element,
/// <see cref="SaeTrainingConfig.MseReduction"/>), λ = <see cref="SaeTrainingConfig.L1"/> and sg = stop-gradient: the
/// auxiliary reconstruction trains only the gate path, as in the paper and dictionary_learning (SAELens's auxiliary
/// loss does not stop the decoder's gradient). The penalty is weighted by decoder row norms as SAELens does.
/// <see cref="BatchLoss.Sparsity"/> holds the penalty plus the auxiliary loss.
/// </summary>
public sealed class GatedTrainingStep : DictionaryTrainingStep
{
    public const string Name = "gated";

    private readonly GatedSae _model;
    private readonly float[] _gates;
    private readonly float[] _gateGradients;
    private readonly float[] _auxErrors;
    private readonly float[] _decoderNorms;
    private readonly float[] _gateValues;

    public GatedTrainingStep(SaeTrainingConfig config, ComputeContext compute, int dIn, int dSae, int batchCapacity, Random random)
        : this(NewModel(dIn, dSae, random), config, compute, batchCapacity)
    {
    }

    private GatedTrainingStep(GatedSae model, SaeTrainingConfig config, ComputeContext compute, int batchCapacity)
        : base(model, config, compute, batchCapacity, model.BGate, model.BMag, model.RMag)
    {
        _model = model;
        _gates = new float[Codes.Length];
        _gateGradients = new float[Codes.Length];
        _auxErrors = new float[Inputs.Length];
        _decoderNorms = new float[model.DSae];
        _gateValues = new float[Codes.Length];
    }

    /// <summary>Every gradient of the gated SAE flows where its gate is open (π_gate &gt; 0), a superset of the active codes.</summary>
    protected override ReadOnlySpan<float> CodeGradientPattern(int batch) => _gates.AsSpan(0, batch * Model.DSae);

    protected override BatchLoss ForwardBackward(int batch)
    {
        int m = Model.DSae;
        Span<float> pre = PreActivations.AsSpan(0, batch * m);
        Span<float> z = Codes.AsSpan(0, batch * m);
        Span<float> gates = _gates.AsSpan(0, batch * m);
        Encode(batch, []);
        for (int i = 0; i < pre.Length; i++)
        {
            int f = i % m;
            gates[i] = MathF.Max(pre[i] + _model.BGate[f], 0f);
            float magnitude = MathF.Max(pre[i] * MathF.Exp(_model.RMag[f]) + _model.BMag[f], 0f);
            z[i] = gates[i] > 0f ? magnitude : 0f;
        }

        double reconstruction = ReconstructionBackward(batch);
        AddCodeLossGradient(batch);
        MagnitudeBackward(pre, batch);
        double penalty = PenaltyBackward(batch);
        double auxiliary = AuxiliaryBackward(batch);
        GateBackward(batch);
        EncoderWeightBackward(batch);
        return new BatchLoss(reconstruction, penalty + auxiliary, TrainingKernels.CountPositive(z));
    }

    /// <summary>From dL/dz: d b_mag, d r_mag, and the magnitude path's share of dL/dpre (left in CodeGradients).</summary>
    private void MagnitudeBackward(ReadOnlySpan<float> pre, int batch)
    {
        int m = Model.DSae;
        Span<float> dpre = CodeGradients.AsSpan(0, batch * m);
        float[] gradBMag = Gradients[4], gradRMag = Gradients[5];
        Array.Clear(gradBMag);
        Array.Clear(gradRMag);
        for (int i = 0; i < dpre.Length; i++)
        {
            int f = i % m;
            float dMagnitude = Codes[i] > 0f ? dpre[i] : 0f;
            float scale = MathF.Exp(_model.RMag[f]);
            gradBMag[f] += dMagnitude;
            gradRMag[f] += dMagnitude * pre[i] * scale;
            dpre[i] = dMagnitude * scale;
        }
    }

    /// <summary>λ·(1/B) Σ g·‖W_dec,f‖: dL/dg = λ‖W_dec,f‖/B into the gate gradients; dW_dec,f += λ(Σ_b g_bf/B)·W_dec,f/‖W_dec,f‖.</summary>
    private double PenaltyBackward(int batch)
    {
        int d = Model.DIn, m = Model.DSae;
        double penalty = 0;
        float l1 = SparsityCoefficient;
        for (int f = 0; f < m; f++)
        {
            _decoderNorms[f] = MathF.Sqrt(TensorPrimitives.SumOfSquares(Model.WDec.AsSpan(f * d, d)));
        }

        for (int f = 0; f < m; f++)
        {
            double gateSum = 0;
            for (int b = 0; b < batch; b++)
            {
                gateSum += _gates[b * m + f];
                _gateGradients[b * m + f] = l1 * _decoderNorms[f] / batch;
            }

            penalty += l1 * gateSum * _decoderNorms[f] / batch;
            float rowScale = _decoderNorms[f] > 0f ? (float)(l1 * gateSum / batch / _decoderNorms[f]) : 0f;
            if (rowScale != 0f)
            {
                TensorPrimitives.MultiplyAdd(Model.WDec.AsSpan(f * d, d), rowScale, GradWDec.AsSpan(f * d, d), GradWDec.AsSpan(f * d, d));
            }
        }

        return penalty;
    }

    /// <summary>
    /// The reconstruction term of ReLU(π_gate)·W_dec + b_dec with the decoder frozen: adds 2(x̃ − x)/n·W_decᵀ to dL/dg only (on the
    /// sparse path at the open gates only, where the gate's ReLU passes it).
    /// </summary>
    private double AuxiliaryBackward(int batch)
    {
        int d = Model.DIn, m = Model.DSae;
        Span<float> auxErrors = _auxErrors.AsSpan(0, batch * d);
        bool sparse = LastPath == TrainingPath.Sparse;
        if (sparse)
        {
            ActiveCodes.GatherColumns(_gates, m, _gateValues);
            SparseDecode(_gateValues, _auxErrors);
        }
        else
        {
            Model.Decode(_gates, batch, auxErrors);
        }

        TensorPrimitives.Subtract(auxErrors, Inputs.AsSpan(0, batch * d), auxErrors);
        double divisor = SquaredErrorDivisor(batch);
        double auxiliary = SumOfSquares(auxErrors) / divisor;
        if (sparse)
        {
            TensorPrimitives.Multiply(auxErrors, 2f / (float)divisor, auxErrors);
            SparsePass.CodeGradients(ActiveCodes, _auxErrors, Model.WDec, 0, m);
            ActiveCodes.AddColumns(ActiveCodes.ColumnGradient, m, 0, m, _gateGradients);
        }
        else
        {
            Gemm.Multiply(Compute, false, true, batch, m, d, 2f / (float)divisor, auxErrors, d, Model.WDec, d, 1f, _gateGradients, m);
        }

        return auxiliary;
    }

    /// <summary>dπ_gate = dL/dg·[π_gate &gt; 0] gives d b_gate and is added to dL/dpre.</summary>
    private void GateBackward(int batch)
    {
        int m = Model.DSae;
        Span<float> gateGradients = _gateGradients.AsSpan(0, batch * m);
        TrainingKernels.ReluL1Backward(_gates.AsSpan(0, batch * m), gateGradients, 0f);
        TrainingKernels.ColumnSums(gateGradients, batch, m, Gradients[3]);
        TensorPrimitives.Add(CodeGradients.AsSpan(0, batch * m), gateGradients, CodeGradients.AsSpan(0, batch * m));
    }

    private static GatedSae NewModel(int dIn, int dSae, Random random)
    {
        var sae = new GatedSae(dIn, dSae);
        TiedUnitNormInit.Initialize(sae, random);
        return sae;
    }
}
