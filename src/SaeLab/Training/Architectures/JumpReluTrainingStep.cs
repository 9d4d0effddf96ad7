using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Training.Kernels;

namespace SaeLab.Training.Architectures;

/// <summary>
/// JumpReLU SAE training (Rajamanoharan et al. 2024, "Jumping Ahead: Improving Reconstruction Fidelity with JumpReLU
/// Sparse Autoencoders", arXiv:2407.14435, §3–4; SAELens <c>JumpReLUTrainingSAE</c>): pre = x'·W_enc + b_enc
/// (x' = x − b_dec by default), z = pre·H(pre − θ) with θ = exp(log θ) learned per feature, loss = reconstruction +
/// λ·(1/B) Σ H(pre − θ) (an L0 penalty, λ = <see cref="SaeTrainingConfig.L1"/>, against the per-vector squared error
/// (1/B) Σ ‖x̂ − x‖² by default, as SAELens weighs its <c>l0_coefficient</c>). H has no useful derivative in θ, so θ learns through the straight-through
/// pseudo-derivatives with the rectangle kernel K(u) = [|u| &lt; ½] and bandwidth ε:
/// <code>
/// ∂z/∂θ  ≈ −(θ/ε) K((pre − θ)/ε)      ∂H/∂θ ≈ −(1/ε) K((pre − θ)/ε)      ∂z/∂pre = H(pre − θ),  ∂H/∂pre = 0
/// </code>
/// and log θ gets θ·∂L/∂θ. <see cref="BatchLoss.Sparsity"/> is λ·mean L0.
/// </summary>
public sealed class JumpReluTrainingStep : DictionaryTrainingStep
{
    public const string Name = "jumprelu";

    private readonly JumpReluSae _model;
    private readonly float _bandwidth;
    private readonly float[] _gradientPattern;

    public JumpReluTrainingStep(SaeTrainingConfig config, ComputeContext compute, int dIn, int dSae, int batchCapacity, Random random)
        : this(NewModel(config, dIn, dSae, random), config, compute, batchCapacity)
    {
    }

    private JumpReluTrainingStep(JumpReluSae model, SaeTrainingConfig config, ComputeContext compute, int batchCapacity)
        : base(model, config, compute, batchCapacity, model.BEnc, LogOf(model.Threshold))
    {
        _model = model;
        _bandwidth = (float)config.Bandwidth;
        _gradientPattern = new float[Codes.Length];
    }

    /// <summary>log θ [m], the trained form of the model's threshold.</summary>
    public float[] LogThreshold => Parameters[4];

    protected override BatchLoss ForwardBackward(int batch)
    {
        int m = Model.DSae;
        Span<float> pre = PreActivations.AsSpan(0, batch * m);
        Span<float> z = Codes.AsSpan(0, batch * m);
        Span<float> dz = CodeGradients.AsSpan(0, batch * m);
        Encode(batch, _model.BEnc);
        Span<float> pattern = _gradientPattern.AsSpan(0, z.Length);
        long active = 0;
        for (int i = 0; i < z.Length; i++)
        {
            float theta = _model.Threshold[i % m];
            bool fires = pre[i] > theta;
            z[i] = fires ? pre[i] : 0f;
            pattern[i] = fires || InWindow(pre[i], theta) ? 1f : 0f;
            active += fires ? 1 : 0;
        }

        double reconstruction = ReconstructionBackward(batch);
        AddCodeLossGradient(batch);
        ThresholdBackward(pre, dz, batch);
        for (int i = 0; i < z.Length; i++)
        {
            dz[i] = z[i] != 0f ? dz[i] : 0f;
        }

        TrainingKernels.ColumnSums(dz, batch, m, Gradients[3]);
        EncoderWeightBackward(batch);
        return new BatchLoss(reconstruction, SparsityCoefficient * (double)active / batch, active);
    }

    /// <summary>dL/dz is needed where a code fires (for dpre) and in the threshold's straight-through window.</summary>
    protected override ReadOnlySpan<float> CodeGradientPattern(int batch) => _gradientPattern.AsSpan(0, batch * Model.DSae);

    protected override void AfterUpdate()
    {
        for (int f = 0; f < LogThreshold.Length; f++)
        {
            _model.Threshold[f] = MathF.Exp(LogThreshold[f]);
        }
    }

    /// <summary>d log θ_f = θ_f · Σ_b K((pre − θ)/ε)·(−θ_f·dz_bf − λ/B)/ε, from dL/dz before the mask.</summary>
    private void ThresholdBackward(ReadOnlySpan<float> pre, ReadOnlySpan<float> dz, int batch)
    {
        int m = Model.DSae;
        float[] gradLogThreshold = Gradients[4];
        Array.Clear(gradLogThreshold);
        float l0 = SparsityCoefficient;
        for (int i = 0; i < pre.Length; i++)
        {
            int f = i % m;
            float theta = _model.Threshold[f];
            if (InWindow(pre[i], theta))
            {
                gradLogThreshold[f] += theta * (-theta * dz[i] - l0 / batch) / _bandwidth;
            }
        }
    }

    // K((pre − θ)/ε) ≠ 0: the rectangle kernel's support.
    private bool InWindow(float pre, float theta) => MathF.Abs((pre - theta) / _bandwidth) < 0.5f;

    private static float[] LogOf(float[] values) => [.. values.Select(v => MathF.Log(v))];

    private static JumpReluSae NewModel(SaeTrainingConfig config, int dIn, int dSae, Random random)
    {
        var sae = new JumpReluSae(dIn, dSae);
        TiedUnitNormInit.Initialize(sae, random);
        Array.Fill(sae.Threshold, (float)config.InitialThreshold);
        return sae;
    }
}
