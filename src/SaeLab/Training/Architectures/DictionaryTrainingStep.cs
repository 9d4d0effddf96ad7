using System.Numerics.Tensors;
using SaeLab.Numerics;
using SaeLab.Sae;

namespace SaeLab.Training.Architectures;

/// <summary>
/// What the training steps of SaeLab's non-seed architectures share: the batch buffers (allocated once), the
/// gather, Adam over the model's parameter arrays, and the linear decoder's backward pass. Parameters are
/// W_enc [d, m], W_dec [m, d], b_dec [d], then the architecture's own; <see cref="Gradients"/> pairs with them.
/// Reconstruction is the seed's MSE, (1/(B·d)) Σ (x̂ − x)², so losses compare across architectures.
/// </summary>
public abstract class DictionaryTrainingStep : ISaeTrainingStep
{
    private readonly AdamOptimizer _adam;
    private readonly IGradientTiles[] _gradientTiles;
    private readonly float _sparsityCoefficient;
    private int _lastBatch;

    protected DictionaryTrainingStep(DictionarySae model, SaeTrainingConfig config, int batchCapacity, params float[][] ownParameters)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchCapacity);
        Model = model;
        BatchCapacity = batchCapacity;
        int d = model.DIn, m = model.DSae;
        Inputs = new float[checked(batchCapacity * d)];
        Errors = new float[Inputs.Length];
        ReconstructionGradients = new float[Inputs.Length];
        PreActivations = new float[checked(batchCapacity * m)];
        Codes = new float[PreActivations.Length];
        CodeGradients = new float[PreActivations.Length];
        Parameters = [model.WEnc, model.WDec, model.BDec, .. ownParameters];
        Gradients = [.. Parameters.Select(p => new float[p.Length])];
        int[] columns = [m, d, d, .. ownParameters.Select(p => p.Length)];
        _sparsityCoefficient = (float)config.L1;
        _adam = new AdamOptimizer(config.LearningRate, [.. Parameters.Select((p, i) => new ParameterMatrix(p, columns[i]))]);
        _gradientTiles = [.. Gradients.Select((g, i) => (IGradientTiles)new DenseGradientTiles(g, columns[i]))];
    }

    public DictionarySae Model { get; }

    /// <inheritdoc/>
    public AdamOptimizer Optimizer => _adam;

    /// <inheritdoc/>
    public double SparsityScale { get; set; } = 1;

    /// <summary>This step's sparsity coefficient: <see cref="SaeTrainingConfig.L1"/> scaled by the warm-up (exactly l1 at scale 1).</summary>
    protected float SparsityCoefficient => (float)(_sparsityCoefficient * SparsityScale);

    /// <summary>These architectures keep training state beyond their weights, or have not been checked for exact resumption.</summary>
    public bool Resumable => false;

    /// <inheritdoc/>
    public ReadOnlySpan<float> LastCodes => Codes.AsSpan(0, _lastBatch * Model.DSae);

    /// <summary>
    /// The path of the last reconstruction backward pass: sparse when the architecture needs dL/dz only at the active
    /// codes (<see cref="CodeGradientsOnlyWhereActive"/>) and <see cref="TrainingPathCostModel"/> finds the codes sparse.
    /// </summary>
    public TrainingPath LastPath { get; private set; }

    /// <summary>Forces every step onto one path (tests compare the two); null lets the cost model choose.</summary>
    internal TrainingPath? ForcedPath { get; set; }

    /// <summary>
    /// Whether the architecture uses dL/dz only where z ≠ 0 (the TopK family: the selection passes nothing elsewhere,
    /// and AuxK adds its own terms), so that the decoder's backward pass may skip the inactive codes. JumpReLU's threshold
    /// and the gated SAE's gate need it everywhere.
    /// </summary>
    protected virtual bool CodeGradientsOnlyWhereActive => false;

    /// <summary>Most vectors a batch may hold.</summary>
    public int BatchCapacity { get; }

    /// <summary>The trained arrays: W_enc, W_dec, b_dec, then the architecture's own.</summary>
    public float[][] Parameters { get; }

    /// <summary>dL/d<see cref="Parameters"/> of the last <see cref="ComputeGradients"/>, in the same order.</summary>
    public float[][] Gradients { get; }

    /// <summary>x [B, d]: the batch's vectors.</summary>
    public float[] Inputs { get; }

    /// <summary>[B, d]: x̂ − x of the full reconstruction.</summary>
    protected float[] Errors { get; }

    /// <summary>[B, d]: dL/dx̂.</summary>
    protected float[] ReconstructionGradients { get; }

    /// <summary>[B, m]: the encoder's pre-activations.</summary>
    protected float[] PreActivations { get; }

    /// <summary>[B, m]: the codes z.</summary>
    public float[] Codes { get; }

    /// <summary>[B, m]: dL/dz, then dL/dpre.</summary>
    protected float[] CodeGradients { get; }

    protected float[] GradWEnc => Gradients[0];

    protected float[] GradWDec => Gradients[1];

    protected float[] GradBDec => Gradients[2];

    public BatchLoss Step(ReadOnlySpan<float> values, ReadOnlySpan<int> rows)
    {
        Gather(values, rows);
        BatchLoss loss = ComputeGradients(rows.Length);
        _lastBatch = rows.Length;
        _adam.Step(_gradientTiles);
        AfterUpdate();
        return loss;
    }

    /// <summary>Loss and <see cref="Gradients"/> of the first <paramref name="batch"/> rows of <see cref="Inputs"/>; no update.</summary>
    public BatchLoss ComputeGradients(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batch, BatchCapacity);
        return ForwardBackward(batch);
    }

    /// <summary>The architecture's loss and gradients on <paramref name="batch"/> rows.</summary>
    protected abstract BatchLoss ForwardBackward(int batch);

    /// <summary>Runs after each Adam step (re-deriving inference parameters from trained ones).</summary>
    protected virtual void AfterUpdate()
    {
    }

    /// <summary>PreActivations [B, m] = x·W_enc + <paramref name="bias"/> (an empty bias adds nothing).</summary>
    protected void Encode(int batch, ReadOnlySpan<float> bias)
    {
        int d = Model.DIn, m = Model.DSae;
        Span<float> pre = PreActivations.AsSpan(0, batch * m);
        for (int row = 0; row < batch && !bias.IsEmpty; row++)
        {
            bias.CopyTo(pre.Slice(row * m, m));
        }

        Gemm.Multiply(false, false, batch, m, d, 1f, Inputs, d, Model.WEnc, m, bias.IsEmpty ? 0f : 1f, pre, m);
    }

    /// <summary>
    /// Decodes <see cref="Codes"/>, sets <see cref="Errors"/> = x̂ − x, and back-propagates the MSE through the
    /// decoder: dW_dec = zᵀ·dx̂, db_dec = Σ_rows dx̂, <see cref="CodeGradients"/> = dx̂·W_decᵀ with dx̂ = 2(x̂ − x)/(B·d).
    /// On the sparse path (see <see cref="LastPath"/>) the two products run over the active codes only and
    /// <see cref="CodeGradients"/> is 0 elsewhere. Returns the MSE.
    /// </summary>
    protected double ReconstructionBackward(int batch)
    {
        int d = Model.DIn, m = Model.DSae;
        Span<float> errors = Errors.AsSpan(0, batch * d);
        Model.Decode(Codes, batch, errors);
        TensorPrimitives.Subtract(errors, Inputs.AsSpan(0, batch * d), errors);
        Span<float> dx = ReconstructionGradients.AsSpan(0, batch * d);
        TensorPrimitives.Multiply(errors, 2f / (batch * d), dx);
        TrainingKernels.ColumnSums(dx, batch, d, GradBDec);
        if (ChoosePath(batch) == TrainingPath.Dense)
        {
            Gemm.Multiply(true, false, m, d, batch, 1f, Codes, m, dx, d, 0f, GradWDec, d);
            Gemm.Multiply(false, true, batch, m, d, 1f, dx, d, Model.WDec, d, 0f, CodeGradients, m);
        }
        else
        {
            SparseDecoderBackward(batch, 0, m, ReconstructionGradients);
        }

        return SumOfSquares(errors) / ((double)batch * d);
    }

    /// <summary>
    /// Sets <see cref="LastPath"/> for this batch: sparse when the architecture needs dL/dz only at the active codes
    /// (<see cref="CodeGradientsOnlyWhereActive"/>) and at most a tenth of <see cref="Codes"/> is active.
    /// </summary>
    protected TrainingPath ChoosePath(int batch)
    {
        int m = Model.DSae;
        LastPath = ForcedPath ?? (CodeGradientsOnlyWhereActive
            ? TrainingPathCostModel.Choose(TrainingKernels.CountPositive(Codes.AsSpan(0, batch * m)), batch, m)
            : TrainingPath.Dense);
        return LastPath;
    }

    /// <summary>dW_enc = xᵀ·dpre from <see cref="CodeGradients"/> holding dL/dpre.</summary>
    protected void EncoderWeightBackward(int batch)
    {
        int d = Model.DIn, m = Model.DSae;
        Gemm.Multiply(true, false, d, m, batch, 1f, Inputs, d, CodeGradients, m, 0f, GradWEnc, m);
    }

    /// <summary>
    /// For the features [<paramref name="f0"/>, <paramref name="fEnd"/>): dW_dec[f] = Σ_b z_bf·g_b and dL/dz_bf =
    /// ⟨g_b, W_dec[f]⟩ over the non-zero codes only (0 elsewhere), g = <paramref name="outputGradient"/> [B, d] the
    /// gradient those features' decoder output receives; vectors in order, so the sums are deterministic.
    /// </summary>
    protected void SparseDecoderBackward(int batch, int f0, int fEnd, ReadOnlySpan<float> outputGradient)
    {
        int d = Model.DIn, m = Model.DSae;
        GradWDec.AsSpan(f0 * d, (fEnd - f0) * d).Clear();
        for (int b = 0; b < batch; b++)
        {
            CodeGradients.AsSpan(b * m + f0, fEnd - f0).Clear();
            ReadOnlySpan<float> z = Codes.AsSpan(b * m, m), dx = outputGradient.Slice(b * d, d);
            for (int f = f0; f < fEnd; f++)
            {
                if (z[f] != 0f)
                {
                    Span<float> gradRow = GradWDec.AsSpan(f * d, d);
                    TensorPrimitives.MultiplyAdd(dx, z[f], gradRow, gradRow);
                    CodeGradients[b * m + f] = TensorPrimitives.Dot(dx, Model.WDec.AsSpan(f * d, d));
                }
            }
        }
    }

    /// <summary>Σ of squares, accumulated in double over chunks of the vector kernel.</summary>
    internal static double SumOfSquares(ReadOnlySpan<float> values)
    {
        const int Chunk = 4096;
        double sum = 0;
        for (int start = 0; start < values.Length; start += Chunk)
        {
            sum += TensorPrimitives.SumOfSquares(values.Slice(start, Math.Min(Chunk, values.Length - start)));
        }

        return sum;
    }

    private void Gather(ReadOnlySpan<float> values, ReadOnlySpan<int> rows) =>
        BatchGather.Rows(values, rows, Model.DIn, BatchCapacity, Inputs);
}
