using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Kernels;

namespace SaeLab.Benchmarks;

/// <summary>
/// One batch against a freshly initialised d → m SAE whose encoder bias is shifted so that a chosen fraction of the
/// batch's codes is active (the density the training step sees once the codes have settled, or early on).
/// </summary>
public sealed class TrainingStepOperands
{
    public const int Batch = 256, Dim = 2048;

    private readonly int[] _rows = [.. Enumerable.Range(0, Batch)];

    public TrainingStepOperands(int features, double density, TrainingPath path)
    {
        var random = new Random(5);
        Sae = new ReluSae(Dim, features);
        PyTorchLinearInit.Initialize(Sae, random);
        Values = [.. Enumerable.Range(0, Batch * Dim).Select(_ => (float)(2 * random.NextDouble() - 1))];
        ShiftEncoderBias(density);
        Step = new ReluSaeTrainingStep(Sae, l1: 1e-3, learningRate: 1e-7, Batch) { ForcedPath = path };
        Step.Step(Values, _rows);
    }

    public ReluSae Sae { get; }

    public float[] Values { get; }

    public ReluSaeTrainingStep Step { get; }

    public BatchLoss RunStep() => Step.Step(Values, _rows);

    // b_enc −= the (1 − density) quantile of the pre-activations, so about density of them stay positive.
    private void ShiftEncoderBias(double density)
    {
        float[] pre = new float[Batch * Sae.DSae];
        for (int b = 0; b < Batch; b++)
        {
            Sae.BEnc.CopyTo(pre, b * Sae.DSae);
        }

        Gemm.Multiply(ComputeContext.Current, false, false, Batch, Sae.DSae, Dim, 1f, Values, Dim, Sae.WEnc, Sae.DSae, 1f, pre, Sae.DSae);
        Array.Sort(pre);
        float quantile = pre[Math.Clamp((int)((1 - density) * pre.Length), 0, pre.Length - 1)];
        for (int f = 0; f < Sae.DSae; f++)
        {
            Sae.BEnc[f] -= quantile;
        }
    }
}
