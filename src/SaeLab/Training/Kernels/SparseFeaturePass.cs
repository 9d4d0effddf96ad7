using System.Numerics.Tensors;
using SaeLab.Numerics;
using SaeLab.Training.Architectures;

namespace SaeLab.Training.Kernels;

/// <summary>
/// The by-feature kernels of <see cref="SparseTrainingKernels"/> over one batch's <see cref="SparseCodes"/>, run on the
/// compute workers for the sparse paths (<see cref="ReluSaeTrainingStep"/> and <c>DictionaryTrainingStep</c>): the decoder
/// forward split by output columns, the code gradients and decoder-gradient rows split by features. Each sum keeps
/// its order (features, then vectors, ascending), so no result depends on the thread count. Allocates nothing per call.
/// </summary>
internal sealed class SparseFeaturePass : IParallelJob
{
    // Below this many multiply-adds per thread a pass runs on the calling thread only.
    private const long MinMultiplyAddsPerThread = 1 << 16;

    private readonly int _dIn;
    private readonly float[][] _rowScratch;
    private Phase _phase;
    private SparseCodes _codes = null!;
    private float[] _values = [];
    private float[] _matrix = [];
    private float[] _target = [];
    private float[] _featureWeights = [];
    private float _l1Scale;
    private int _f0;
    private int _fEnd;
    private int _parts;

    /// <param name="dIn">d: the width of decoder rows, inputs and reconstructions.</param>
    /// <param name="compute">Its threads: one row of scratch each.</param>
    public SparseFeaturePass(int dIn, ComputeContext compute)
    {
        _dIn = dIn;
        _rowScratch = [.. Enumerable.Range(0, compute.Threads).Select(_ => new float[dIn])];
    }

    private enum Phase
    {
        Decode,
        CodeGradients,
        AddDecoderRows,
    }

    /// <summary>
    /// reconstruction [B, d] += Σ over the entries k of features [f0, fEnd) of values[k] · W_dec[f, :] (W_dec [m, d]);
    /// <paramref name="values"/> runs over the by-feature entries (<see cref="SparseCodes.ColumnValue"/> or a gathered twin).
    /// </summary>
    public void Decode(SparseCodes codes, float[] values, float[] wDec, int f0, int fEnd, float[] reconstruction)
    {
        (_codes, _values, _matrix, _target) = (codes, values, wDec, reconstruction);
        Run(Phase.Decode, f0, fEnd);
    }

    /// <summary>reconstruction [B, d] = b_dec + the <see cref="Decode"/> of every feature: x̂ of the batch's <see cref="SparseCodes.Batch"/> vectors.</summary>
    public void DecodeFromBias(SparseCodes codes, float[] values, float[] wDec, float[] bDec, float[] reconstruction)
    {
        for (int row = 0; row < codes.Batch; row++)
        {
            bDec.CopyTo(reconstruction, row * _dIn);
        }

        Decode(codes, values, wDec, 0, wDec.Length / _dIn, reconstruction);
    }

    /// <summary>
    /// codes.ColumnGradient[k] = l1Scale · w_f + ⟨outputGradient[row_k, :], W_dec[f, :]⟩ over the entries of features
    /// [f0, fEnd): dL/dz there, with the L1 term of <see cref="SparseTrainingKernels.CodeGradientsByFeature"/> (w_f =
    /// <paramref name="featureWeights"/>[f], or 1 when it is empty; by default no L1 term).
    /// </summary>
    public void CodeGradients(SparseCodes codes, float[] outputGradient, float[] wDec, int f0, int fEnd, float l1Scale = 0f, float[]? featureWeights = null)
    {
        (_codes, _matrix, _target, _l1Scale, _featureWeights) = (codes, wDec, outputGradient, l1Scale, featureWeights ?? []);
        Run(Phase.CodeGradients, f0, fEnd);
    }

    /// <summary>
    /// gradWDec[f, :] += Σ_k values[k] · outputGradient[row_k, :] over the entries of each feature f in [f0, fEnd):
    /// its share of dL/dW_dec [m, d]; rows without entries are left as they are.
    /// </summary>
    public void AddDecoderRows(SparseCodes codes, float[] values, float[] outputGradient, int f0, int fEnd, float[] gradWDec)
    {
        (_codes, _values, _matrix, _target) = (codes, values, outputGradient, gradWDec);
        Run(Phase.AddDecoderRows, f0, fEnd);
    }

    public void RunPart(int part)
    {
        int d = _dIn;
        ReadOnlySpan<int> featureStart = _codes.FeatureStart;
        switch (_phase)
        {
            case Phase.Decode:
                int blocks = (d + SparseTrainingKernels.BlockRows - 1) / SparseTrainingKernels.BlockRows;
                var (block0, blockEnd) = Range(blocks, part);
                int col0 = block0 * SparseTrainingKernels.BlockRows, colEnd = Math.Min(d, blockEnd * SparseTrainingKernels.BlockRows);
                SparseTrainingKernels.DecodeByFeature(
                    featureStart[_f0..(_fEnd + 1)], _codes.ColumnRow, _values, _matrix.AsSpan(_f0 * d), d, col0, colEnd - col0, _target);
                break;
            case Phase.CodeGradients:
                var (g0, gEnd) = FeatureRange(part);
                SparseTrainingKernels.CodeGradientsByFeature(
                    featureStart, _codes.ColumnRow, _target, _matrix, d, _l1Scale, _featureWeights, g0, gEnd - g0, _codes.ColumnGradient);
                break;
            default:
                var (r0, rEnd) = FeatureRange(part);
                Span<float> row = _rowScratch[part];
                for (int f = r0; f < rEnd; f++)
                {
                    int start = featureStart[f], end = featureStart[f + 1];
                    if (start < end)
                    {
                        SparseTrainingKernels.WeightedRowSum(_codes.ColumnRow.AsSpan(start..end), _values.AsSpan(start..end), _matrix, d, 0, row);
                        Span<float> gradient = _target.AsSpan(f * d, d);
                        TensorPrimitives.Add(gradient, row, gradient);
                    }
                }

                break;
        }
    }

    private void Run(Phase phase, int f0, int fEnd)
    {
        long work = (long)(_codes.FeatureStart[fEnd] - _codes.FeatureStart[f0]) * _dIn;
        (_phase, _f0, _fEnd) = (phase, f0, fEnd);
        _parts = (int)Math.Clamp(work / MinMultiplyAddsPerThread, 1, _rowScratch.Length);
        ComputeWorkers.Run(_parts, this);
    }

    private (int Start, int End) FeatureRange(int part)
    {
        var (start, end) = Range(_fEnd - _f0, part);
        return (_f0 + start, _f0 + end);
    }

    private (int Start, int End) Range(int count, int part) =>
        ((int)((long)count * part / _parts), (int)((long)count * (part + 1) / _parts));
}
