using System.Numerics.Tensors;
using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Kernels;
using SaeLab.Training.Optimization;

namespace SaeLab.Training.Architectures;

/// <summary>
/// One Adam step of the seed's ReLU SAE on one mini-batch, written as explicit forward and backward kernels
/// with hand-derived gradients. For a batch x [B, d], codes z [B, m] and L = Σ (x̂ − x)² / n + (l1/B) Σ |z|, with
/// n = B·d (the seed's MSE) or B (<c>sumOverDimensions</c>: SAELens's "standard" units):
/// <code>
/// dx̂      = 2 (x̂ − x) / n                        [B, d]
/// dW_dec  = zᵀ · dx̂                              [m, d]
/// db_dec  = Σ_rows dx̂                            [d]
/// dpre    = (dx̂ · W_decᵀ + l1 · sign(z) / B) ⊙ [z &gt; 0]   [B, m]
/// dW_enc  = x'ᵀ · dpre                           [d, m]
/// db_enc  = Σ_rows dpre                          [m]
/// </code>
/// where x' = x, or x − b_dec when the SAE applies b_dec to its input (SAELens's <c>apply_b_dec_to_input</c>); then
/// also db_dec −= W_enc · db_enc.
/// With <c>weightL1ByDecoderNorm</c> the penalty is instead (l1/B) Σ_b Σ_f z_bf · n_f, n_f = ‖W_dec[f, :]‖₂ (Anthropic,
/// "Circuits Updates – April 2024", https://transformer-circuits.pub/2024/april-update/index.html#training-saes; SAELens'
/// <c>scale_sparsity_penalty_by_decoder_norm</c>), which changes two gradients (<see cref="DecoderNormPenalty"/>):
/// <code>
/// dpre          = (dx̂ · W_decᵀ + l1 · n_f / B) ⊙ [z &gt; 0]
/// dW_dec[f, :] += (l1/B) · (Σ_b z_bf) · W_dec[f, :] / n_f    (0 where n_f = 0)
/// </code>
/// The norms are taken once per step, before the backward pass; the row term is added tile by tile inside the Adam pass
/// (<see cref="RowTermGradientTiles"/>) on either path.
/// The encoder is always a dense GEMM. After it, <see cref="TrainingPathCostModel"/> picks per batch between the
/// dense path (every product through <see cref="Gemm.Multiply"/>) and the sparse path (the decoder forward, dpre
/// and both weight gradients over the active codes only, <see cref="SparseTrainingKernels"/>); the weight
/// gradients then feed one fused, multithreaded <see cref="AdamOptimizer"/> pass. Every buffer lives in a
/// <see cref="TrainingWorkspace"/> or <see cref="SparseCodes"/>: a warm step allocates nothing.
/// </summary>
public sealed class ReluSaeTrainingStep : ISaeTrainingStep
{
    // Below this many multiply-adds per thread the sparse row pass runs on the calling thread only.
    private const long MinMultiplyAddsPerThread = 1 << 16;

    private readonly ReluSae _sae;
    private readonly float _baseL1;
    private readonly TrainingWorkspace _workspace;
    private readonly AdamOptimizer _adam;
    private readonly SparseCodes _codes = new();
    private readonly SparseFeaturePass _sparsePass;
    private readonly RowsJob _rowsJob;
    private readonly IGradientTiles[] _denseGradients;
    private readonly IGradientTiles[] _sparseGradients;
    private readonly DecoderNormPenalty? _decoderNorms;
    private readonly RowTermGradientTiles? _denseDecoderRowTerms;
    private readonly bool _sumsOverDimensions;
    private int _lastBatch;

    /// <param name="sae">The SAE, trained in place.</param>
    /// <param name="l1">The sparsity coefficient (times <see cref="SparsityScale"/> at each step).</param>
    /// <param name="learningRate">Adam's learning rate.</param>
    /// <param name="batchCapacity">Most vectors one batch may hold.</param>
    /// <param name="weightL1ByDecoderNorm">Weight each code's L1 penalty by its decoder row's L2 norm (Anthropic's April 2024 update); false: the seed's plain L1.</param>
    /// <param name="compute">The threads and backend its products and kernels run on (default: the current context).</param>
    /// <param name="sumOverDimensions">Sum the squared error over the dimensions (SAELens's units); false: the seed's mean. The encoder centres its input when <paramref name="sae"/> applies b_dec to it.</param>
    public ReluSaeTrainingStep(ReluSae sae, double l1, double learningRate, int batchCapacity, bool weightL1ByDecoderNorm = false, bool sumOverDimensions = false, ComputeContext? compute = null)
    {
        int d = sae.DIn, m = sae.DSae;
        Compute = compute ?? ComputeContext.Current;
        ComputeWorkers.Reserve(Compute.Threads);
        _sae = sae;
        _baseL1 = (float)l1;
        _sumsOverDimensions = sumOverDimensions;
        _workspace = new TrainingWorkspace(d, m, batchCapacity, sae.ApplyBDecToInput);
        _adam = new AdamOptimizer(
            Compute, learningRate, new ParameterMatrix(sae.WEnc, m), new ParameterMatrix(sae.BEnc, m), new ParameterMatrix(sae.WDec, d), new ParameterMatrix(sae.BDec, d));
        _sparsePass = new SparseFeaturePass(d, Compute);
        _rowsJob = new RowsJob(this);
        var gradBEnc = new DenseGradientTiles(_workspace.GradBEnc, m);
        var gradBDec = new DenseGradientTiles(_workspace.GradBDec, d);
        IGradientTiles denseDecoder = new DenseGradientTiles(_workspace.GradWDec, d), sparseDecoder = new SparseDecoderGradient(_codes, _workspace, d);
        if (weightL1ByDecoderNorm)
        {
            _decoderNorms = new DecoderNormPenalty(sae.WDec, d, Compute);
            denseDecoder = _denseDecoderRowTerms = _decoderNorms.DecoderGradient(denseDecoder);
            sparseDecoder = _decoderNorms.DecoderGradient(sparseDecoder);
        }

        _denseGradients = [new DenseGradientTiles(_workspace.GradWEnc, m), gradBEnc, denseDecoder, gradBDec];
        _sparseGradients = [new SparseEncoderGradient(_codes, _workspace.PackedInputs), gradBEnc, sparseDecoder, gradBDec];
    }

    /// <summary>
    /// The seed's step for <paramref name="config"/>: a fresh d → m <see cref="ReluSae"/> with PyTorch's initialisation drawn
    /// from <paramref name="random"/>, trained with the config's coefficient, learning rate, penalty and units.
    /// </summary>
    public static ReluSaeTrainingStep Create(SaeTrainingConfig config, ComputeContext compute, int dIn, int dSae, int batchCapacity, Random random)
    {
        var sae = new ReluSae(dIn, dSae) { ApplyBDecToInput = config.ResolveApplyBDecToInput() };
        PyTorchLinearInit.Initialize(sae, random);
        return new ReluSaeTrainingStep(sae, config.L1, config.LearningRate, batchCapacity, config.Methods.L1DecoderNorm, config.ResolveSumsOverDimensions(), compute);
    }

    // This step's coefficient: l1 scaled by the warm-up (exactly l1 at scale 1).
    private float L1 => (float)(_baseL1 * SparsityScale);

    /// <summary>
    /// The buffers of the last step (for tests and diagnostics; the sparse path leaves the weight gradients unset, and
    /// with the decoder-norm weighted L1 the dense path leaves dW_dec without its row terms: <see cref="ComputeGradients"/> writes them out).
    /// </summary>
    public TrainingWorkspace Workspace => _workspace;

    /// <inheritdoc/>
    public DictionarySae Model => _sae;

    /// <inheritdoc/>
    public ComputeContext Compute { get; }

    /// <summary>The Adam optimiser over W_enc, b_enc, W_dec, b_dec (its state goes into checkpoints).</summary>
    public AdamOptimizer Optimizer => _adam;

    /// <inheritdoc/>
    public ReadOnlySpan<float> LastCodes => _workspace.Codes.AsSpan(0, _lastBatch * _sae.DSae);

    /// <summary>Factor on l1 for the next steps (the L1 warm-up's ramp); 1 trains with l1 itself.</summary>
    public double SparsityScale { get; set; } = 1;

    /// <inheritdoc/>
    public ICodeLoss? CodeLoss { get; set; }

    /// <summary>Whether the L1 penalty of each code is weighted by its decoder row's L2 norm (Anthropic's April 2024 update).</summary>
    public bool WeightsL1ByDecoderNorm => _decoderNorms is not null;

    // w_f of the L1 penalty l1 · w_f / B per active code: the decoder row norms, or null for the plain L1 (w_f = 1).
    private float[]? FeatureWeights => _decoderNorms?.Norms;

    /// <summary>The path the last <see cref="Step"/> took.</summary>
    public TrainingPath LastPath { get; private set; }

    /// <summary>Forces every step onto one path (tests compare the two); null lets the cost model choose.</summary>
    internal TrainingPath? ForcedPath { get; set; }

    /// <summary>
    /// Trains on the vectors <paramref name="rows"/> of <paramref name="values"/> [N, d]: gathers them, computes the
    /// loss and gradients at the current weights, then takes one Adam step. Returns the loss before the step.
    /// </summary>
    public BatchLoss Step(ReadOnlySpan<float> values, ReadOnlySpan<int> rows)
    {
        Gather(values, rows);
        int batch = rows.Length;
        _lastBatch = batch;
        long active = Encode(batch);
        LastPath = ForcedPath ?? TrainingPathCostModel.Choose(active, batch, _sae.DSae);
        if (LastPath == TrainingPath.Dense)
        {
            BatchLoss dense = DenseBackward(batch, active);
            _adam.Step(_denseGradients);
            return dense;
        }

        BatchLoss sparse = SparseBackward(batch, (int)active);
        _adam.Step(_sparseGradients);
        return sparse;
    }

    /// <summary>Adds nothing: the step's whole training state is its optimiser's (the decoder norms are recomputed every step).</summary>
    public void SaveState(TrainingStepState state)
    {
    }

    /// <summary>Nothing to restore beyond the optimiser's parameters and moments.</summary>
    public void RestoreState(TrainingStepState state)
    {
    }

    /// <summary>
    /// Loss and gradients of the first <paramref name="batch"/> rows of <see cref="TrainingWorkspace.Inputs"/> by
    /// <paramref name="path"/>, written out in full into the workspace (for tests and diagnostics); no update.
    /// </summary>
    public BatchLoss ComputeGradients(int batch, TrainingPath path = TrainingPath.Dense)
    {
        if (batch < 1 || batch > _workspace.BatchCapacity)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), $"batch must be in 1..{_workspace.BatchCapacity}, got {batch}");
        }

        long active = Encode(batch);
        if (path == TrainingPath.Dense)
        {
            BatchLoss dense = DenseBackward(batch, active);
            _denseDecoderRowTerms?.AddRowTerms(0, _sae.DSae, 0, _sae.DIn, _workspace.GradWDec);
            return dense;
        }

        BatchLoss loss = SparseBackward(batch, (int)active);
        WriteOut(_sparseGradients[0], _workspace.GradWEnc, _sae.DSae);
        WriteOut(_sparseGradients[2], _workspace.GradWDec, _sae.DIn);
        return loss;
    }

    /// <summary>z = ReLU(x'·W_enc + b_enc) into the workspace (x' = x − b_dec when the SAE centres); returns the number of active codes.</summary>
    private long Encode(int batch)
    {
        int d = _sae.DIn;
        if (_sae.ApplyBDecToInput)
        {
            _sae.CentreInput(_workspace.Inputs, batch, _workspace.EncoderInputs);
        }

        Span<float> z = _workspace.Codes.AsSpan(0, batch * _sae.DSae);
        _sae.EncodeEncoderInput(_workspace.EncoderInputs.AsSpan(0, batch * d), batch, z);
        return TrainingKernels.CountPositive(z);
    }

    // n of the reconstruction term Σ (x̂ − x)² / n.
    private double SquaredErrorDivisor(int batch) => TrainingKernels.SquaredErrorDivisor(_sumsOverDimensions, batch, _sae.DIn);

    // With x' = x − b_dec, b_dec's share of the encoder's gradient, from db_enc = Σ_b dpre_b.
    private void CentringBackward()
    {
        if (_sae.ApplyBDecToInput)
        {
            TrainingKernels.CentringBackward(_sae.WEnc, _sae.DIn, _sae.DSae, _workspace.GradBEnc, _workspace.GradBDec);
        }
    }

    private BatchLoss DenseBackward(int batch, long active)
    {
        int d = _sae.DIn, m = _sae.DSae;
        Span<float> x = _workspace.Inputs.AsSpan(0, batch * d);
        Span<float> z = _workspace.Codes.AsSpan(0, batch * m);
        Span<float> residual = _workspace.Residuals.AsSpan(0, batch * d);
        Span<float> dz = _workspace.CodeGradients.AsSpan(0, batch * m);

        _sae.Decode(z, batch, residual);
        TensorPrimitives.Subtract(residual, x, residual);
        double divisor = SquaredErrorDivisor(batch);
        double reconstruction = SumOfSquaresByRow(residual, batch, d) / divisor;
        double sparsity;
        if (_decoderNorms is null)
        {
            sparsity = L1 * SumByRow(z, batch, m) / batch;
        }
        else
        {
            _decoderNorms.ComputeNorms();
            TrainingKernels.ColumnSums(z, batch, m, _decoderNorms.CodeSums);
            sparsity = _decoderNorms.Finish(L1 / batch);
        }

        TensorPrimitives.Multiply(residual, 2f / (float)divisor, residual);
        Gemm.Multiply(Compute, true, false, m, d, batch, 1f, z, m, residual, d, 0f, _workspace.GradWDec, d);
        TrainingKernels.ColumnSums(residual, batch, d, _workspace.GradBDec);
        Gemm.Multiply(Compute, false, true, batch, m, d, 1f, residual, d, _sae.WDec, d, 0f, dz, m);

        // The mask [z > 0] below keeps the code loss's dL/dz at the active codes only, as on the sparse path.
        if (CodeLoss is not null)
        {
            TensorPrimitives.Add(dz, CodeLoss.Backward(z, batch), dz);
        }

        if (_decoderNorms is null)
        {
            TrainingKernels.ReluL1Backward(z, dz, L1 / batch);
        }
        else
        {
            TrainingKernels.ReluWeightedL1Backward(z, dz, L1 / batch, _decoderNorms.Norms);
        }
        Gemm.Multiply(Compute, true, false, d, m, batch, 1f, _workspace.EncoderInputs, d, dz, m, 0f, _workspace.GradWEnc, m);
        TrainingKernels.ColumnSums(dz, batch, m, _workspace.GradBEnc);
        CentringBackward();
        return new BatchLoss(reconstruction, sparsity, active);
    }

    /// <summary>
    /// The sparse path up to the weight gradients: compress z; decode by feature over column ranges and pack x; per
    /// vector form the loss terms and dx̂; dpre at the active codes by feature; then the bias gradients. The weight
    /// gradients are left to <see cref="SparseEncoderGradient"/> and <see cref="SparseDecoderGradient"/> inside the
    /// Adam pass. Each phase splits its work across threads (<see cref="SparseFeaturePass"/>) without changing any sum's order.
    /// </summary>
    private BatchLoss SparseBackward(int batch, int active)
    {
        int d = _sae.DIn, m = _sae.DSae;
        _codes.Build(_workspace.Codes, batch, m, active);
        long work = ((long)active + batch) * d;
        int parts = (int)Math.Clamp(work / MinMultiplyAddsPerThread, 1, Compute.Threads);
        _decoderNorms?.ComputeNorms();
        _sparsePass.DecodeFromBias(_codes, _codes.ColumnValue, _sae.WDec, _sae.BDec, _workspace.Residuals);
        SparseTrainingKernels.PackBlocks(
            _workspace.EncoderInputs, batch, d, 0, (d + SparseTrainingKernels.BlockRows - 1) / SparseTrainingKernels.BlockRows, _workspace.PackedInputs);
        _rowsJob.Set(batch, parts);
        ComputeWorkers.Run(parts, _rowsJob);
        _sparsePass.CodeGradients(_codes, _workspace.Residuals, _sae.WDec, 0, m, L1 / batch, FeatureWeights);
        if (CodeLoss is not null)
        {
            _codes.AddFromMatrix(CodeLoss.Backward(_workspace.Codes.AsSpan(0, batch * m), batch), m, _codes.ColumnGradient);
        }

        double squares = 0, codeSum = 0;
        for (int b = 0; b < batch; b++)
        {
            squares += _workspace.RowSquares[b];
            codeSum += _workspace.RowCodeSums[b];
        }

        TrainingKernels.ColumnSums(_workspace.Residuals, batch, d, _workspace.GradBDec);
        SparseTrainingKernels.FeatureSums(_codes.FeatureStart, _codes.ColumnGradient, _workspace.GradBEnc);
        CentringBackward();
        double sparsity = L1 * codeSum / batch;
        if (_decoderNorms is not null)
        {
            SparseTrainingKernels.FeatureSums(_codes.FeatureStart, _codes.ColumnValue, _decoderNorms.CodeSums);
            sparsity = _decoderNorms.Finish(L1 / batch);
        }

        return new BatchLoss(squares / SquaredErrorDivisor(batch), sparsity, active);
    }

    private static void WriteOut(IGradientTiles gradient, float[] destination, int cols)
    {
        int rows = destination.Length / cols;
        gradient.Fill(0, rows, 0, cols, destination);
    }

    private void Gather(ReadOnlySpan<float> values, ReadOnlySpan<int> rows) =>
        BatchGather.Rows(values, rows, _sae.DIn, _workspace.BatchCapacity, _workspace.Inputs);

    /// <summary>Σ of squares, each row summed in float by the vector kernel, the rows added in double.</summary>
    private static double SumOfSquaresByRow(ReadOnlySpan<float> matrix, int rows, int cols)
    {
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            sum += TensorPrimitives.SumOfSquares(matrix.Slice(r * cols, cols));
        }

        return sum;
    }

    /// <summary>Σ of all values (codes are ≥ 0, so this is Σ |z|), rows added in double.</summary>
    private static double SumByRow(ReadOnlySpan<float> matrix, int rows, int cols)
    {
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            sum += TensorPrimitives.Sum(matrix.Slice(r * cols, cols));
        }

        return sum;
    }

    // dx̂ of each vector from its x̂, with its squared error and code sum for the loss; the vectors split into contiguous parts.
    private sealed class RowsJob(ReluSaeTrainingStep step) : IParallelJob
    {
        private int _batch;
        private int _parts;

        public void Set(int batch, int parts) => (_batch, _parts) = (batch, parts);

        public void RunPart(int part)
        {
            int first = (int)((long)_batch * part / _parts), end = (int)((long)_batch * (part + 1) / _parts);
            for (int b = first; b < end; b++)
            {
                FinishRow(b);
            }
        }

        private void FinishRow(int b)
        {
            int d = step._sae.DIn;
            SparseCodes codes = step._codes;
            TrainingWorkspace workspace = step._workspace;
            Span<float> residual = workspace.Residuals.AsSpan(b * d, d);
            TensorPrimitives.Subtract(residual, workspace.Inputs.AsSpan(b * d, d), residual);
            workspace.RowSquares[b] = TensorPrimitives.SumOfSquares(residual);
            workspace.RowCodeSums[b] = TensorPrimitives.Sum(codes.Value.AsSpan(codes.RowStart[b]..codes.RowStart[b + 1]));
            TensorPrimitives.Multiply(residual, 2f / (float)step.SquaredErrorDivisor(_batch), residual);
        }
    }
}
