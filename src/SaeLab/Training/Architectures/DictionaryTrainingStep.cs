using System.Numerics.Tensors;
using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Kernels;
using SaeLab.Training.Optimization;

namespace SaeLab.Training.Architectures;

/// <summary>
/// What the training steps of SaeLab's non-seed architectures share: the batch buffers (allocated once), the
/// gather, Adam over the model's parameter arrays, and the linear decoder's backward pass. Parameters are
/// W_enc [d, m], W_dec [m, d], b_dec [d], then the architecture's own; <see cref="Gradients"/> pairs with them.
/// By default the step trains in the form of the references (dictionary_learning, sparsify, SAELens): the encoder sees
/// x − b_dec, and the reconstruction term is the squared error summed over the d dimensions and averaged over the
/// batch, (1/B) Σ (x̂ − x)², in whose units the references' coefficients are tuned. <see cref="SaeTrainingConfig.ApplyBDecToInput"/>
/// and <see cref="SaeTrainingConfig.MseReduction"/> give SaeLab's earlier form: the encoder on x, and (1/(B·d)) Σ (x̂ − x)².
/// With the centred input, b_dec also gets the encoder's gradient: db_dec −= W_enc·Σ_b dL/dpre_b.
/// </summary>
public abstract class DictionaryTrainingStep : ISaeTrainingStep
{
    private readonly AdamOptimizer _adam;
    private readonly IGradientTiles[] _gradientTiles;
    private readonly IGradientTiles _denseEncoderGradient;
    private readonly SparseEncoderGradient _sparseEncoderGradient;
    private readonly SparseCodes _encoderGradientColumns = new();
    private readonly float[] _packedInputs;
    private readonly float[] _gradientMagnitudes;
    private readonly float _sparsityCoefficient;
    private readonly float[] _preGradientSums;
    private int _lastBatch;

    protected DictionaryTrainingStep(DictionarySae model, SaeTrainingConfig config, ComputeContext compute, int batchCapacity, params float[][] ownParameters)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchCapacity);
        Model = model;
        Compute = compute;
        ComputeWorkers.Reserve(compute.Threads);
        BatchCapacity = batchCapacity;
        int d = model.DIn, m = model.DSae;
        model.ApplyBDecToInput = config.ResolveApplyBDecToInput();
        SumsOverDimensions = config.ResolveSumsOverDimensions();
        Inputs = new float[checked(batchCapacity * d)];
        EncoderInputs = model.ApplyBDecToInput ? new float[Inputs.Length] : Inputs;
        _preGradientSums = new float[m];
        Errors = new float[Inputs.Length];
        ReconstructionGradients = new float[Inputs.Length];
        PreActivations = new float[checked(batchCapacity * m)];
        Codes = new float[PreActivations.Length];
        CodeGradients = new float[PreActivations.Length];
        Parameters = [model.WEnc, model.WDec, model.BDec, .. ownParameters];
        Gradients = [.. Parameters.Select(p => new float[p.Length])];
        int[] columns = [m, d, d, .. ownParameters.Select(p => p.Length)];
        _sparsityCoefficient = (float)config.L1;
        _adam = new AdamOptimizer(compute, config.LearningRate, [.. Parameters.Select((p, i) => new ParameterMatrix(p, columns[i]))]);
        _gradientTiles = [.. Gradients.Select((g, i) => (IGradientTiles)new DenseGradientTiles(g, columns[i]))];
        _denseEncoderGradient = _gradientTiles[0];
        int blocks = (d + SparseTrainingKernels.BlockRows - 1) / SparseTrainingKernels.BlockRows;
        _packedInputs = new float[checked(blocks * batchCapacity * SparseTrainingKernels.BlockRows)];
        _gradientMagnitudes = new float[PreActivations.Length];
        _sparseEncoderGradient = new SparseEncoderGradient(_encoderGradientColumns, _packedInputs);
        SparsePass = new SparseFeaturePass(d, compute);
    }

    public DictionarySae Model { get; }

    /// <inheritdoc/>
    public ComputeContext Compute { get; }

    /// <inheritdoc/>
    public AdamOptimizer Optimizer => _adam;

    /// <inheritdoc/>
    public double SparsityScale { get; set; } = 1;

    /// <inheritdoc/>
    public ICodeLoss? CodeLoss { get; set; }

    /// <summary>Whether the reconstruction term sums the squared error over the dimensions (<see cref="SaeTrainingConfig.MseReduction"/>).</summary>
    protected bool SumsOverDimensions { get; }

    /// <summary>This step's sparsity coefficient: <see cref="SaeTrainingConfig.L1"/> scaled by the warm-up (exactly l1 at scale 1).</summary>
    protected float SparsityCoefficient => (float)(_sparsityCoefficient * SparsityScale);

    /// <inheritdoc/>
    public ReadOnlySpan<float> LastCodes => Codes.AsSpan(0, _lastBatch * Model.DSae);

    /// <summary>
    /// The path of the last step: sparse when <see cref="TrainingPathCostModel"/> finds the entries of
    /// <see cref="CodeGradientPattern"/> sparse. The sparse path decodes and back-propagates through the decoder over
    /// those entries only (<see cref="ActiveCodes"/>), and computes dW_enc from dL/dpre's non-zeros inside the Adam pass.
    /// </summary>
    public TrainingPath LastPath { get; private set; }

    /// <summary>Forces every step onto one path (tests compare the two); null lets the cost model choose.</summary>
    internal TrainingPath? ForcedPath { get; set; }

    /// <summary>
    /// On the sparse path, the entries of <see cref="CodeGradientPattern"/> with the codes z there (0 where the pattern
    /// reaches beyond the active codes), built by <see cref="ChoosePath"/>.
    /// </summary>
    internal SparseCodes ActiveCodes { get; } = new();

    /// <summary>The multithreaded by-feature kernels of the sparse path.</summary>
    internal SparseFeaturePass SparsePass { get; }

    /// <summary>
    /// [B, m], &gt; 0 where the architecture needs dL/dz (0 elsewhere): the active codes by default. The TopK family
    /// passes dL/dz only to the kept codes (AuxK adds its own terms); JumpReLU's threshold also needs it in the
    /// straight-through window and the gated SAE wherever its gate is open.
    /// </summary>
    protected virtual ReadOnlySpan<float> CodeGradientPattern(int batch) => Codes.AsSpan(0, batch * Model.DSae);

    /// <summary>Most vectors a batch may hold.</summary>
    public int BatchCapacity { get; }

    /// <summary>The trained arrays: W_enc, W_dec, b_dec, then the architecture's own.</summary>
    public float[][] Parameters { get; }

    /// <summary>dL/d<see cref="Parameters"/> of the last <see cref="ComputeGradients"/>, in the same order.</summary>
    public float[][] Gradients { get; }

    /// <summary>x [B, d]: the batch's vectors.</summary>
    public float[] Inputs { get; }

    /// <summary>[B, d]: what the encoder sees, x − b_dec when the model applies b_dec to its input (filled by <see cref="Encode"/>), else <see cref="Inputs"/> itself.</summary>
    protected float[] EncoderInputs { get; }

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
        BatchLoss loss = ForwardBackward(rows.Length);
        _lastBatch = rows.Length;
        _gradientTiles[0] = LastPath == TrainingPath.Sparse ? _sparseEncoderGradient : _denseEncoderGradient;
        _adam.Step(_gradientTiles);
        AfterUpdate();
        return loss;
    }

    /// <summary>Loss and <see cref="Gradients"/> (written out in full on either path) of the first <paramref name="batch"/> rows of <see cref="Inputs"/>; no update.</summary>
    public BatchLoss ComputeGradients(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batch, BatchCapacity);
        BatchLoss loss = ForwardBackward(batch);
        if (LastPath == TrainingPath.Sparse)
        {
            _sparseEncoderGradient.Fill(0, Model.DIn, 0, Model.DSae, GradWEnc);
        }

        return loss;
    }

    /// <summary>The architecture's loss and gradients on <paramref name="batch"/> rows.</summary>
    protected abstract BatchLoss ForwardBackward(int batch);

    /// <summary>Runs after each Adam step (re-deriving inference parameters from trained ones).</summary>
    protected virtual void AfterUpdate()
    {
    }

    /// <summary>
    /// PreActivations [B, m] = x'·W_enc + <paramref name="bias"/> (an empty bias adds nothing), x' = <see cref="EncoderInputs"/>
    /// (x − b_dec when the model applies b_dec to its input, else x).
    /// </summary>
    protected void Encode(int batch, ReadOnlySpan<float> bias)
    {
        int d = Model.DIn, m = Model.DSae;
        if (Model.ApplyBDecToInput)
        {
            Model.CentreInput(Inputs, batch, EncoderInputs);
        }

        Span<float> pre = PreActivations.AsSpan(0, batch * m);
        for (int row = 0; row < batch && !bias.IsEmpty; row++)
        {
            bias.CopyTo(pre.Slice(row * m, m));
        }

        Gemm.Multiply(Compute, false, false, batch, m, d, 1f, EncoderInputs, d, Model.WEnc, m, bias.IsEmpty ? 0f : 1f, pre, m);
    }

    /// <summary>
    /// The divisor n of the reconstruction term Σ (x̂ − x)² / n: B when it sums over the dimensions (the references'
    /// units), B·d when it averages over them too (<see cref="TrainingKernels.SquaredErrorDivisor"/>).
    /// </summary>
    protected double SquaredErrorDivisor(int batch) => TrainingKernels.SquaredErrorDivisor(SumsOverDimensions, batch, Model.DIn);

    /// <summary>
    /// Decodes <see cref="Codes"/>, sets <see cref="Errors"/> = x̂ − x, and back-propagates the reconstruction term
    /// Σ (x̂ − x)² / n (n = <see cref="SquaredErrorDivisor"/>) through the decoder: dW_dec = zᵀ·dx̂, db_dec = Σ_rows dx̂,
    /// <see cref="CodeGradients"/> = dx̂·W_decᵀ with dx̂ = 2(x̂ − x)/n. On the sparse path (see <see cref="LastPath"/>) the
    /// decoder and both products run over the entries of <see cref="CodeGradientPattern"/> only and
    /// <see cref="CodeGradients"/> is 0 elsewhere. Returns the reconstruction term.
    /// </summary>
    protected double ReconstructionBackward(int batch)
    {
        int d = Model.DIn, m = Model.DSae;
        Span<float> errors = Errors.AsSpan(0, batch * d);
        bool sparse = ChoosePath(batch) == TrainingPath.Sparse;
        if (sparse)
        {
            SparseDecode(ActiveCodes.ColumnValue, Errors);
        }
        else
        {
            Model.Decode(Codes, batch, errors);
        }

        TensorPrimitives.Subtract(errors, Inputs.AsSpan(0, batch * d), errors);
        Span<float> dx = ReconstructionGradients.AsSpan(0, batch * d);
        double divisor = SquaredErrorDivisor(batch);
        TensorPrimitives.Multiply(errors, 2f / (float)divisor, dx);
        TrainingKernels.ColumnSums(dx, batch, d, GradBDec);
        if (!sparse)
        {
            Gemm.Multiply(Compute, true, false, m, d, batch, 1f, Codes, m, dx, d, 0f, GradWDec, d);
            Gemm.Multiply(Compute, false, true, batch, m, d, 1f, dx, d, Model.WDec, d, 0f, CodeGradients, m);
        }
        else
        {
            SparseDecoderBackward(batch, 0, m, ReconstructionGradients);
        }

        return SumOfSquares(errors) / divisor;
    }

    /// <summary>
    /// Adds <see cref="CodeLoss"/>'s dL/dz to <see cref="CodeGradients"/> (holding dL/dz after the reconstruction's backward
    /// pass) at the entries of <see cref="CodeGradientPattern"/>, the only ones whose gradient reaches the parameters; nothing
    /// without a code loss. The same entries on both paths, so both give the same gradients.
    /// </summary>
    protected void AddCodeLossGradient(int batch)
    {
        if (CodeLoss is null)
        {
            return;
        }

        int entries = batch * Model.DSae;
        ReadOnlySpan<float> gradient = CodeLoss.Backward(Codes.AsSpan(0, entries), batch);
        TrainingKernels.AddWherePositive(CodeGradientPattern(batch), gradient, CodeGradients.AsSpan(0, entries));
    }

    /// <summary>
    /// Sets <see cref="LastPath"/> for this batch (sparse when at most a tenth of <see cref="CodeGradientPattern"/>'s
    /// entries are set) and, on the sparse path, builds <see cref="ActiveCodes"/>.
    /// </summary>
    protected TrainingPath ChoosePath(int batch)
    {
        int m = Model.DSae;
        ReadOnlySpan<float> pattern = CodeGradientPattern(batch);
        LastPath = ForcedPath ?? TrainingPathCostModel.Choose(TrainingKernels.CountPositive(pattern), batch, m);
        if (LastPath == TrainingPath.Sparse)
        {
            ActiveCodes.Build(pattern, Codes, batch, m);
        }

        return LastPath;
    }

    /// <summary>
    /// reconstruction [B, d] = b_dec + Σ_f values·W_dec[f] over <see cref="ActiveCodes"/>' entries, <paramref name="values"/>
    /// running over its by-feature entries (the codes, or a gathered twin such as the gated SAE's gate values).
    /// </summary>
    protected void SparseDecode(float[] values, float[] reconstruction) =>
        SparsePass.DecodeFromBias(ActiveCodes, values, Model.WDec, Model.BDec, reconstruction);

    /// <summary>
    /// dW_enc = x'ᵀ·dpre from <see cref="CodeGradients"/> holding dL/dpre (x' = <see cref="EncoderInputs"/>): a GEMM on the
    /// dense path; on the sparse path dpre's non-zeros are compressed and x' packed, and the product is formed tile by
    /// tile inside the Adam pass. With x' = x − b_dec, also db_dec −= W_enc·Σ_b dpre_b (the encoder's share).
    /// </summary>
    protected void EncoderWeightBackward(int batch)
    {
        int d = Model.DIn, m = Model.DSae;
        if (Model.ApplyBDecToInput)
        {
            TrainingKernels.ColumnSums(CodeGradients.AsSpan(0, batch * m), batch, m, _preGradientSums);
            TrainingKernels.CentringBackward(Model.WEnc, d, m, _preGradientSums, GradBDec);
        }

        if (LastPath == TrainingPath.Dense)
        {
            Gemm.Multiply(Compute, true, false, d, m, batch, 1f, EncoderInputs, d, CodeGradients, m, 0f, GradWEnc, m);
            return;
        }

        Span<float> magnitudes = _gradientMagnitudes.AsSpan(0, batch * m);
        TensorPrimitives.Abs(CodeGradients.AsSpan(0, batch * m), magnitudes);
        _encoderGradientColumns.Build(magnitudes, CodeGradients, batch, m);
        _encoderGradientColumns.ColumnValue.AsSpan(0, _encoderGradientColumns.Count).CopyTo(_encoderGradientColumns.ColumnGradient);
        SparseTrainingKernels.PackBlocks(EncoderInputs, batch, d, 0, (d + SparseTrainingKernels.BlockRows - 1) / SparseTrainingKernels.BlockRows, _packedInputs);
    }

    /// <summary>
    /// For the features [<paramref name="f0"/>, <paramref name="fEnd"/>): dW_dec[f] = Σ_b z_bf·g_b and dL/dz_bf =
    /// ⟨g_b, W_dec[f]⟩ at the entries of <see cref="ActiveCodes"/> (0 elsewhere), g = <paramref name="outputGradient"/>
    /// [B, d] the gradient those features' decoder output receives.
    /// </summary>
    protected void SparseDecoderBackward(int batch, int f0, int fEnd, float[] outputGradient)
    {
        int d = Model.DIn, m = Model.DSae;
        GradWDec.AsSpan(f0 * d, (fEnd - f0) * d).Clear();
        SparsePass.AddDecoderRows(ActiveCodes, ActiveCodes.ColumnValue, outputGradient, f0, fEnd, GradWDec);
        for (int b = 0; b < batch; b++)
        {
            CodeGradients.AsSpan(b * m + f0, fEnd - f0).Clear();
        }

        SparsePass.CodeGradients(ActiveCodes, outputGradient, Model.WDec, f0, fEnd);
        ActiveCodes.AddColumns(ActiveCodes.ColumnGradient, m, f0, fEnd, CodeGradients);
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

    /// <summary>Adds nothing here; architectures with counters or running estimates add them.</summary>
    public virtual void SaveState(TrainingStepState state)
    {
    }

    /// <summary>Re-derives the inference parameters from the restored trained ones (<see cref="AfterUpdate"/>).</summary>
    public virtual void RestoreState(TrainingStepState state) => AfterUpdate();
}
