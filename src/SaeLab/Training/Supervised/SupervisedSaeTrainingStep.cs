using System.Numerics.Tensors;
using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Training.Architectures;
using SaeLab.Training.Kernels;
using SaeLab.Training.Optimization;

namespace SaeLab.Training.Supervised;

/// <summary>
/// One Adam step of a supervised SAE: the seed's ReLU SAE loss plus λ · cross-entropy of a linear head on its codes.
/// The SAE's part is <see cref="ReluSaeTrainingStep.ComputeGradients"/>; the head's part is added to its gradients,
/// which is exact because gradients add. For a batch of B vectors with labels y, logits s = z·W_head + b_head [B, C]
/// and p = softmax(s):
/// <code>
/// L_ce     = (λ/B) Σ_b −log p[b, y_b]
/// ds       = λ (p − onehot(y)) / B                 [B, C]
/// dW_head  = zᵀ · ds                               [m, C]
/// db_head  = Σ_rows ds                             [C]
/// dpre_ce  = (ds · W_headᵀ) ⊙ [z &gt; 0]            [B, m]
/// dW_enc  += xᵀ · dpre_ce                          [d, m]
/// db_enc  += Σ_rows dpre_ce                        [m]
/// </code>
/// The decoder's gradients do not change. One <see cref="AdamOptimizer"/> then steps the SAE's four arrays and the head's two.
/// </summary>
public sealed class SupervisedSaeTrainingStep
{
    private readonly ReluSae _sae;
    private readonly LinearHead _head;
    private readonly float _weight;
    private readonly ReluSaeTrainingStep _saeStep;
    private readonly AdamOptimizer _adam;
    private readonly IGradientTiles[] _gradients;
    private readonly float[] _logitGradients;
    private readonly float[] _codeGradients;
    private readonly float[] _encoderBiasGradient;

    /// <summary>
    /// The step for <paramref name="sae"/> and its <paramref name="head"/>; <paramref name="sumOverDimensions"/> sums the
    /// SAE's squared error over the dimensions (SAELens's units) instead of the seed's mean, and the encoder centres its
    /// input when the SAE applies b_dec to it.
    /// </summary>
    public SupervisedSaeTrainingStep(ReluSae sae, LinearHead head, double l1, double weight, double learningRate, int batchCapacity, bool sumOverDimensions = false)
    {
        if (head.DSae != sae.DSae)
        {
            throw new ArgumentException($"the head reads {head.DSae} codes but the SAE has {sae.DSae}", nameof(head));
        }

        _sae = sae;
        _head = head;
        _weight = (float)weight;
        _saeStep = new ReluSaeTrainingStep(sae, l1, learningRate, batchCapacity, sumOverDimensions: sumOverDimensions);
        int m = sae.DSae, d = sae.DIn, c = head.Classes.Length;
        _adam = new AdamOptimizer(
            learningRate,
            new ParameterMatrix(sae.WEnc, m), new ParameterMatrix(sae.BEnc, m), new ParameterMatrix(sae.WDec, d),
            new ParameterMatrix(sae.BDec, d), new ParameterMatrix(head.W, c), new ParameterMatrix(head.B, c));
        GradWHead = new float[head.W.Length];
        GradBHead = new float[head.B.Length];
        TrainingWorkspace workspace = _saeStep.Workspace;
        _gradients =
        [
            new DenseGradientTiles(workspace.GradWEnc, m), new DenseGradientTiles(workspace.GradBEnc, m),
            new DenseGradientTiles(workspace.GradWDec, d), new DenseGradientTiles(workspace.GradBDec, d),
            new DenseGradientTiles(GradWHead, c), new DenseGradientTiles(GradBHead, c),
        ];
        _logitGradients = new float[checked(batchCapacity * head.Classes.Length)];
        _codeGradients = new float[workspace.Codes.Length];
        _encoderBiasGradient = new float[sae.DSae];
    }

    /// <summary>The path the SAE's part of the last step took.</summary>
    public TrainingPath LastPath => _saeStep.LastPath;

    /// <summary>The SAE's buffers of the last step (its gradients, the head's term included).</summary>
    public TrainingWorkspace Workspace => _saeStep.Workspace;

    /// <summary>dL/dW_head [m, C] of the last step.</summary>
    public float[] GradWHead { get; }

    /// <summary>dL/db_head [C] of the last step.</summary>
    public float[] GradBHead { get; }

    /// <summary>
    /// Trains on the vectors <paramref name="rows"/> of <paramref name="values"/> [N, d], labelled
    /// <paramref name="classes"/> (class indices of the head): gathers them, computes the loss and gradients, then
    /// takes one Adam step. Returns the loss before the step.
    /// </summary>
    public SupervisedBatchLoss Step(ReadOnlySpan<float> values, ReadOnlySpan<int> rows, ReadOnlySpan<int> classes)
    {
        BatchGather.Rows(values, rows, _sae.DIn, Workspace.BatchCapacity, Workspace.Inputs);
        SupervisedBatchLoss loss = ComputeGradients(rows.Length, classes);
        _adam.Step(_gradients);
        return loss;
    }

    /// <summary>
    /// Loss and gradients of the first <paramref name="batch"/> rows of <see cref="TrainingWorkspace.Inputs"/>, labelled
    /// <paramref name="classes"/>; no update.
    /// </summary>
    public SupervisedBatchLoss ComputeGradients(int batch, ReadOnlySpan<int> classes)
    {
        int classCount = _head.Classes.Length;
        if (classes.Length != batch)
        {
            throw new ArgumentException($"expected {batch} labels, got {classes.Length}", nameof(classes));
        }

        BatchLoss saeLoss = _saeStep.ComputeGradients(batch);
        int d = _sae.DIn, m = _sae.DSae;
        ReadOnlySpan<float> x = Workspace.EncoderInputs.AsSpan(0, batch * d);
        ReadOnlySpan<float> z = Workspace.Codes.AsSpan(0, batch * m);
        Span<float> ds = _logitGradients.AsSpan(0, batch * classCount);
        Span<float> dpre = _codeGradients.AsSpan(0, batch * m);

        _head.Logits(z, batch, ds);
        HeadScore score = SoftmaxCrossEntropyBackward(ds, batch, classCount, classes, _weight / batch);
        Gemm.Multiply(true, false, m, classCount, batch, 1f, z, m, ds, classCount, 0f, GradWHead, classCount);
        TrainingKernels.ColumnSums(ds, batch, classCount, GradBHead);
        Gemm.Multiply(false, true, batch, m, classCount, 1f, ds, classCount, _head.W, classCount, 0f, dpre, m);
        TrainingKernels.ReluL1Backward(z, dpre, 0f);
        Gemm.Multiply(true, false, d, m, batch, 1f, x, d, dpre, m, 1f, Workspace.GradWEnc, m);
        TrainingKernels.ColumnSums(dpre, batch, m, _encoderBiasGradient);
        TensorPrimitives.Add(Workspace.GradBEnc, _encoderBiasGradient, Workspace.GradBEnc);
        if (_sae.ApplyBDecToInput)
        {
            TrainingKernels.CentringBackward(_sae.WEnc, d, m, _encoderBiasGradient, Workspace.GradBDec);
        }

        return new SupervisedBatchLoss(saeLoss, score.CrossEntropy, _weight * score.CrossEntropy, score.Correct);
    }

    /// <summary>
    /// In place on logits [batch, C]: the rows' mean −log softmax at their class (max-shifted, in double) and the
    /// count of rows whose largest logit is their class; then each row becomes scale · (softmax − onehot).
    /// </summary>
    private static HeadScore SoftmaxCrossEntropyBackward(Span<float> logits, int batch, int classCount, ReadOnlySpan<int> classes, float scale)
    {
        double sum = 0;
        int correct = 0;
        for (int b = 0; b < batch; b++)
        {
            Span<float> row = logits.Slice(b * classCount, classCount);
            int label = classes[b];
            float max = TensorPrimitives.Max(row);
            correct += TensorPrimitives.IndexOfMax(row) == label ? 1 : 0;
            double total = 0;
            foreach (float s in row)
            {
                total += Math.Exp(s - max);
            }

            sum += Math.Log(total) - (row[label] - max);
            for (int c = 0; c < classCount; c++)
            {
                row[c] = scale * (float)((Math.Exp(row[c] - max) / total) - (c == label ? 1 : 0));
            }
        }

        return new HeadScore(sum / batch, correct);
    }

    private readonly record struct HeadScore(double CrossEntropy, int Correct);
}
