using System.Numerics.Tensors;
using SaeLab.Numerics;
using SaeLab.Training.Kernels;

namespace SaeLab.Training.Optimization;

/// <summary>
/// Adam over a fixed list of parameter matrices (updated in place), with its moment buffers and step count. One
/// step is one fused pass per matrix, block by block of <see cref="TileRows"/> rows: the block's gradient is produced
/// tile by tile (<see cref="TileRows"/> × <see cref="TileColumns"/>, L1-sized) into a scratch of the block's size and
/// <see cref="TrainingKernels.AdamUpdate(Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, double, int)"/> updates the
/// parameters and moments under the whole block in one contiguous run, the row blocks split across the threads of its <see cref="ComputeContext"/>.
/// Every element is updated independently, so the result does not depend on the thread count.
/// <para>
/// Two training methods act on the whole block before its update: rows kept at unit norm
/// (<see cref="KeepRowsAtUnitNorm"/>: the gradient's component along each row removed, the row renormalised after
/// the step, dictionary_learning's <c>ConstrainedAdam</c>) and global gradient-norm clipping
/// (<see cref="MaxGradientNorm"/>, PyTorch's <c>clip_grad_norm_</c>), which needs a first pass over every gradient
/// for the norm: block sums added in block order, so that it too is independent of the thread count.
/// </para>
/// </summary>
public sealed class AdamOptimizer
{
    /// <summary>Rows per gradient tile (a Vector512 of floats, so sparse producers can vectorise across rows).</summary>
    public const int TileRows = 16;

    /// <summary>Columns per gradient tile: a 16 × 256 tile is 16 KiB, half of L1.</summary>
    public const int TileColumns = 256;

    // Adam moves 28 bytes per element; below ~64 Ki elements per thread a wake-up costs more than it saves.
    private const int MinElementsPerThread = 1 << 16;

    // PyTorch's clip_grad_norm_ divides by total_norm + 1e-6.
    private const double ClipEpsilon = 1e-6;

    private readonly ParameterMatrix[] _parameters;
    private readonly float[][] _firstMoments;
    private readonly float[][] _secondMoments;
    private readonly bool[] _unitRows;
    private readonly double[][] _blockSquares;
    private readonly TileJob _job = new();
    private readonly int _threads;
    private double _learningRate;

    public AdamOptimizer(ComputeContext compute, double learningRate, params ParameterMatrix[] parameters)
    {
        foreach (ParameterMatrix parameter in parameters)
        {
            if (parameter.Columns < 1 || parameter.Values.Length % parameter.Columns != 0)
            {
                throw new ArgumentException($"a parameter of {parameter.Values.Length} values cannot have rows of {parameter.Columns}", nameof(parameters));
            }
        }

        _threads = compute.Threads;
        LearningRate = learningRate;
        _parameters = parameters;
        _firstMoments = [.. parameters.Select(p => new float[p.Values.Length])];
        _secondMoments = [.. parameters.Select(p => new float[p.Values.Length])];
        _unitRows = new bool[parameters.Length];
        _blockSquares = [.. parameters.Select(p => new double[(p.Rows + TileRows - 1) / TileRows])];
    }

    /// <summary>The learning rate of the next steps (a schedule changes it between steps); finite and ≥ 0.</summary>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "the learning rate must be a finite number ≥ 0");
    }

    /// <summary>Clip the global L2 norm of all gradients to this before each step; null: no clipping.</summary>
    public double? MaxGradientNorm { get; set; }

    /// <summary>The global gradient norm of the last step (after the unit-norm projection, before clipping); NaN unless clipping is on.</summary>
    public double LastGradientNorm { get; private set; } = double.NaN;

    /// <summary>Steps taken so far.</summary>
    public int Steps { get; private set; }

    /// <summary>The parameter matrices this optimiser updates, in the constructor's order.</summary>
    public IReadOnlyList<ParameterMatrix> Parameters => _parameters;

    /// <summary>
    /// From now on keeps every row of the parameter <paramref name="values"/> (one of <see cref="Parameters"/>, e.g. a
    /// decoder [m, d]) at unit L2 norm: normalises the rows now, removes each row's parallel component from its
    /// gradient before every step and renormalises the row after it. A zero row stays zero.
    /// </summary>
    public void KeepRowsAtUnitNorm(float[] values)
    {
        int index = IndexOf(values);
        _unitRows[index] = true;
        ParameterMatrix parameter = _parameters[index];
        NormalizeRows(parameter.Values, 0, parameter.Rows, parameter.Columns);
    }

    /// <summary>Zeroes both moments of row <paramref name="row"/> of the parameter <paramref name="values"/> (a resampled feature starts afresh).</summary>
    public void ResetRow(float[] values, int row)
    {
        int index = IndexOf(values);
        int cols = _parameters[index].Columns;
        _firstMoments[index].AsSpan(row * cols, cols).Clear();
        _secondMoments[index].AsSpan(row * cols, cols).Clear();
    }

    /// <summary>Zeroes both moments of column <paramref name="column"/> of the parameter <paramref name="values"/>.</summary>
    public void ResetColumn(float[] values, int column)
    {
        int index = IndexOf(values);
        int cols = _parameters[index].Columns;
        for (int offset = column; offset < values.Length; offset += cols)
        {
            _firstMoments[index][offset] = 0f;
            _secondMoments[index][offset] = 0f;
        }
    }

    /// <summary>A copy of the step count and the moment buffers (for checkpoints).</summary>
    public AdamState ExportState() =>
        new(Steps, [.. _firstMoments.Select(m => (float[])m.Clone())], [.. _secondMoments.Select(v => (float[])v.Clone())]);

    /// <summary>Restores what <see cref="ExportState"/> returned; the moment buffers must pair with <see cref="Parameters"/>.</summary>
    public void ImportState(AdamState state)
    {
        if (state.Steps < 0 || state.FirstMoments.Count != _parameters.Length || state.SecondMoments.Count != _parameters.Length
            || Enumerable.Range(0, _parameters.Length).Any(i =>
                state.FirstMoments[i].Length != _parameters[i].Values.Length || state.SecondMoments[i].Length != _parameters[i].Values.Length))
        {
            throw new ArgumentException("the Adam state does not pair with this optimiser's parameters", nameof(state));
        }

        for (int i = 0; i < _parameters.Length; i++)
        {
            state.FirstMoments[i].CopyTo(_firstMoments[i], 0);
            state.SecondMoments[i].CopyTo(_secondMoments[i], 0);
        }

        Steps = state.Steps;
    }

    /// <summary>Updates every parameter with its gradient; <paramref name="gradients"/> pairs with the constructor's matrices.</summary>
    public void Step(ReadOnlySpan<IGradientTiles> gradients)
    {
        if (gradients.Length != _parameters.Length)
        {
            throw new ArgumentException($"expected {_parameters.Length} gradients, got {gradients.Length}", nameof(gradients));
        }

        Steps++;
        float scale = MaxGradientNorm is double maxNorm ? ClipScale(gradients, maxNorm) : 1f;
        AdamScalars scalars = AdamScalars.For(LearningRate, Steps);
        for (int i = 0; i < _parameters.Length; i++)
        {
            Run(i, gradients[i], TilePass.Update, scalars, scale);
        }
    }

    /// <summary>PyTorch's clip coefficient min(1, max / (‖g‖ + 1e-6)) for the norm over every (projected) gradient.</summary>
    private float ClipScale(ReadOnlySpan<IGradientTiles> gradients, double maxNorm)
    {
        double squares = 0;
        for (int i = 0; i < _parameters.Length; i++)
        {
            Run(i, gradients[i], TilePass.Norm, default, 1f);
            foreach (double blockSum in _blockSquares[i])
            {
                squares += blockSum;
            }
        }

        LastGradientNorm = Math.Sqrt(squares);
        return (float)Math.Min(1.0, maxNorm / (LastGradientNorm + ClipEpsilon));
    }

    private void Run(int index, IGradientTiles gradient, TilePass pass, AdamScalars scalars, float scale)
    {
        ParameterMatrix parameter = _parameters[index];
        int blocks = _blockSquares[index].Length;
        int parts = Math.Min(Math.Min(_threads, blocks), Math.Max(1, parameter.Values.Length / MinElementsPerThread));
        _job.Set(pass, parameter, _firstMoments[index], _secondMoments[index], gradient, scalars, scale, _unitRows[index], _blockSquares[index], parts);
        ComputeWorkers.Run(parts, _job);
    }

    private int IndexOf(float[] values)
    {
        int index = Array.FindIndex(_parameters, p => ReferenceEquals(p.Values, values));
        return index >= 0 ? index : throw new ArgumentException("the array is not one of this optimiser's parameters", nameof(values));
    }

    private static void NormalizeRows(Span<float> values, int row0, int rowCount, int cols)
    {
        for (int r = row0; r < row0 + rowCount; r++)
        {
            Span<float> row = values.Slice(r * cols, cols);
            float norm = TensorPrimitives.Norm(row);
            if (norm > 0f)
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }
    }

    private enum TilePass
    {
        Norm,
        Update,
    }

    // One parameter matrix, its row blocks split into contiguous ranges, one per part, each with its own tile and block.
    private sealed class TileJob : IParallelJob
    {
        private float[][] _tiles = [];
        private float[][] _rowBlocks = [];
        private TilePass _pass;
        private ParameterMatrix _parameter;
        private float[] _m = [];
        private float[] _v = [];
        private IGradientTiles? _gradient;
        private AdamScalars _scalars;
        private float _scale;
        private bool _unitRows;
        private double[] _blockSquares = [];
        private int _parts;

        public void Set(
            TilePass pass, ParameterMatrix parameter, float[] m, float[] v, IGradientTiles gradient, AdamScalars scalars, float scale,
            bool unitRows, double[] blockSquares, int parts)
        {
            (_pass, _parameter, _m, _v, _gradient, _scalars, _scale, _unitRows, _blockSquares, _parts) =
                (pass, parameter, m, v, gradient, scalars, scale, unitRows, blockSquares, parts);
            if (_tiles.Length < parts)
            {
                _tiles = [.. _tiles, .. Enumerable.Range(0, parts - _tiles.Length).Select(_ => new float[TileRows * TileColumns])];
            }

            int blockLength = TileRows * parameter.Columns;
            if (_rowBlocks.Length < parts || _rowBlocks[0].Length < blockLength)
            {
                int length = Math.Max(blockLength, _rowBlocks.Length > 0 ? _rowBlocks[0].Length : 0);
                _rowBlocks = [.. Enumerable.Range(0, Math.Max(parts, _rowBlocks.Length)).Select(_ => new float[length])];
            }
        }

        public void RunPart(int part)
        {
            int rows = _parameter.Rows, cols = _parameter.Columns, blocks = _blockSquares.Length;
            int firstBlock = (int)((long)blocks * part / _parts), endBlock = (int)((long)blocks * (part + 1) / _parts);
            float[] tile = _tiles[part], block = _rowBlocks[part];
            for (int blockIndex = firstBlock; blockIndex < endBlock; blockIndex++)
            {
                int row0 = blockIndex * TileRows, rowCount = Math.Min(TileRows, rows - row0);
                Span<float> gradient = block.AsSpan(0, rowCount * cols);
                FillBlock(row0, rowCount, cols, tile, block);
                if (_unitRows)
                {
                    RemoveParallelComponents(row0, rowCount, cols, gradient);
                }

                if (_pass == TilePass.Norm)
                {
                    _blockSquares[blockIndex] = SquaredNorm(gradient);
                    continue;
                }

                if (_scale != 1f)
                {
                    TensorPrimitives.Multiply(gradient, _scale, gradient);
                }

                int offset = row0 * cols;
                TrainingKernels.AdamUpdate(
                    _parameter.Values.AsSpan(offset, gradient.Length), gradient, _m.AsSpan(offset, gradient.Length), _v.AsSpan(offset, gradient.Length), _scalars);
                if (_unitRows)
                {
                    NormalizeRows(_parameter.Values, row0, rowCount, cols);
                }
            }
        }

        // g_r −= (⟨g_r, w_r⟩ / ‖w_r‖²) w_r: the step then moves each row along its sphere, to first order.
        private void RemoveParallelComponents(int row0, int rowCount, int cols, Span<float> gradient)
        {
            for (int r = 0; r < rowCount; r++)
            {
                ReadOnlySpan<float> weights = _parameter.Values.AsSpan((row0 + r) * cols, cols);
                Span<float> g = gradient.Slice(r * cols, cols);
                float squaredNorm = TensorPrimitives.SumOfSquares(weights);
                if (squaredNorm > 0f)
                {
                    TensorPrimitives.MultiplyAdd(weights, -TensorPrimitives.Dot(g, weights) / squaredNorm, g, g);
                }
            }
        }

        private static double SquaredNorm(ReadOnlySpan<float> values)
        {
            double sum = 0;
            for (int start = 0; start < values.Length; start += TileColumns)
            {
                sum += TensorPrimitives.SumOfSquares(values.Slice(start, Math.Min(TileColumns, values.Length - start)));
            }

            return sum;
        }

        // block [rowCount, cols] = the gradient of rows row0 .. row0 + rowCount − 1, produced tile by tile (a tile in
        // L1 suits the sparse producers' scattered writes) and laid out whole, so that Adam then streams one run of
        // rowCount · cols contiguous values per array: runs of one tile row (1 KiB) starting 8 KiB apart defeat the
        // hardware prefetchers and left the update at about half the memory bandwidth.
        private void FillBlock(int row0, int rowCount, int cols, float[] tile, float[] block)
        {
            if (cols <= TileColumns)
            {
                _gradient!.Fill(row0, rowCount, 0, cols, block);
                return;
            }

            for (int col0 = 0; col0 < cols; col0 += TileColumns)
            {
                int colCount = Math.Min(TileColumns, cols - col0);
                _gradient!.Fill(row0, rowCount, col0, colCount, tile);
                for (int r = 0; r < rowCount; r++)
                {
                    tile.AsSpan(r * colCount, colCount).CopyTo(block.AsSpan(r * cols + col0, colCount));
                }
            }
        }
    }
}
