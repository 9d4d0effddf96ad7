using System.Numerics.Tensors;
using SaeLab.Numerics;
using SaeLab.Training.Architectures;
using SaeLab.Training.Kernels;

namespace SaeLab.Training.Supervised;

/// <summary>
/// λ · cross-entropy of a <see cref="LinearHead"/> on the codes, as a <see cref="ICodeLoss"/>. For a batch of B codes z
/// with labels y, logits s = z·W_head + b_head [B, C] and p = softmax(s):
/// <code>
/// L_ce     = (λ/B) Σ_b −log p[b, y_b]
/// ds       = λ (p − onehot(y)) / B                 [B, C]
/// dW_head  = zᵀ · ds                               [m, C]
/// db_head  = Σ_rows ds                             [C]
/// dL/dz    = ds · W_headᵀ                          [B, m]
/// </code>
/// The step adds dL/dz to the reconstruction's before the activation's backward pass, so the term reaches the encoder
/// (and JumpReLU's threshold, the gated SAE's gate) as the reconstruction does; the decoder's gradients do not change.
/// </summary>
public sealed class HeadLoss : ICodeLoss
{
    private readonly float _weight;
    private readonly float[] _logitGradients;
    private readonly float[] _codeGradients;
    private readonly int[] _classes;
    private readonly ComputeContext _compute;
    private int _batch = -1;

    /// <param name="head">The head, trained by whoever steps <see cref="GradW"/> and <see cref="GradB"/> into it.</param>
    /// <param name="weight">λ, the weight of the cross-entropy.</param>
    /// <param name="batchCapacity">Most vectors one batch may hold.</param>
    /// <param name="compute">The threads and backend of its products.</param>
    public HeadLoss(LinearHead head, double weight, int batchCapacity, ComputeContext compute)
    {
        _compute = compute;
        Head = head;
        _weight = (float)weight;
        _classes = new int[batchCapacity];
        _logitGradients = new float[checked(batchCapacity * head.Classes.Length)];
        _codeGradients = new float[checked(batchCapacity * head.DSae)];
        GradW = new float[head.W.Length];
        GradB = new float[head.B.Length];
    }

    public LinearHead Head { get; }

    /// <summary>dL/dW_head [m, C] of the last <see cref="Backward"/>.</summary>
    public float[] GradW { get; }

    /// <summary>dL/db_head [C] of the last <see cref="Backward"/>.</summary>
    public float[] GradB { get; }

    /// <summary>Mean over the last batch of −log p(label), unweighted.</summary>
    public double LastCrossEntropy { get; private set; }

    /// <summary>Vectors of the last batch whose largest logit is their label's.</summary>
    public int LastCorrect { get; private set; }

    /// <summary>
    /// The buffer for the class indices (of <see cref="LinearHead.Classes"/>) of the next batch's <paramref name="batch"/>
    /// vectors, in batch order: the caller fills it before the step.
    /// </summary>
    public Span<int> ClassesOfNextBatch(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batch, _classes.Length, nameof(batch));
        _batch = batch;
        return _classes.AsSpan(0, batch);
    }

    /// <inheritdoc/>
    public ReadOnlySpan<float> Backward(ReadOnlySpan<float> codes, int batch)
    {
        if (batch != _batch)
        {
            throw new InvalidOperationException($"the head has labels for {_batch} vectors, the batch has {batch}");
        }

        int m = Head.DSae, classCount = Head.Classes.Length;
        ReadOnlySpan<float> z = codes[..(batch * m)];
        Span<float> ds = _logitGradients.AsSpan(0, batch * classCount);
        Span<float> dz = _codeGradients.AsSpan(0, batch * m);
        Head.Logits(_compute, z, batch, ds);
        SoftmaxCrossEntropyBackward(ds, batch, classCount, _weight / batch);
        Gemm.Multiply(_compute, true, false, m, classCount, batch, 1f, z, m, ds, classCount, 0f, GradW, classCount);
        TrainingKernels.ColumnSums(ds, batch, classCount, GradB);
        Gemm.Multiply(_compute, false, true, batch, m, classCount, 1f, ds, classCount, Head.W, classCount, 0f, dz, m);
        return dz;
    }

    /// <summary>
    /// In place on logits [batch, C]: records the rows' mean −log softmax at their class (max-shifted, in double) and the
    /// count of rows whose largest logit is their class; then each row becomes scale · (softmax − onehot).
    /// </summary>
    private void SoftmaxCrossEntropyBackward(Span<float> logits, int batch, int classCount, float scale)
    {
        double sum = 0;
        int correct = 0;
        for (int b = 0; b < batch; b++)
        {
            Span<float> row = logits.Slice(b * classCount, classCount);
            int label = _classes[b];
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

        (LastCrossEntropy, LastCorrect) = (sum / batch, correct);
    }
}
