using System.Numerics;

namespace SaeLab.Training.Kernels;

/// <summary>
/// One batch's codes z [B, m] in compressed form, for the sparse training path: by vector (CSR: the active
/// features of vector b and their values, features ascending) and by feature (CSC: the vectors where feature f
/// is active, ascending, with the values there and, once the backward pass has run, the gradient dL/dpre). Buffers grow to the largest batch seen and are reused: a warm build allocates nothing.
/// </summary>
internal sealed class SparseCodes
{
    private int[] _cursor = [];

    /// <summary>Active vectors' entries: vector b owns entries RowStart[b] .. RowStart[b + 1] − 1. [B + 1]</summary>
    public int[] RowStart { get; private set; } = [];

    /// <summary>Feature of each entry. [entries]</summary>
    public int[] Feature { get; private set; } = [];

    /// <summary>z at each entry (&gt; 0). [entries]</summary>
    public float[] Value { get; private set; } = [];

    /// <summary>Feature f's by-feature entries are FeatureStart[f] .. FeatureStart[f + 1] − 1. [m + 1]</summary>
    public int[] FeatureStart { get; private set; } = [];

    /// <summary>z at each by-feature entry. [entries]</summary>
    public float[] ColumnValue { get; private set; } = [];

    /// <summary>dL/dpre at each by-feature entry, filled by the backward pass. [entries]</summary>
    public float[] ColumnGradient { get; private set; } = [];

    /// <summary>Vector (row of the batch) of each by-feature entry. [entries]</summary>
    public int[] ColumnRow { get; private set; } = [];

    /// <summary>Vectors in the batch.</summary>
    public int Batch { get; private set; }

    /// <summary>Entries in the batch (codes &gt; 0).</summary>
    public int Count { get; private set; }

    /// <summary>Compresses codes [batch, features], of which <paramref name="active"/> are &gt; 0.</summary>
    public void Build(ReadOnlySpan<float> codes, int batch, int features, int active) => Build(codes, codes, batch, features, active);

    /// <summary>
    /// Compresses the entries where <paramref name="pattern"/> [batch, features] is &gt; 0, with the values of
    /// <paramref name="values"/> [batch, features] there (which may be 0: the pattern is where an architecture needs
    /// dL/dz, a superset of the active codes).
    /// </summary>
    public void Build(ReadOnlySpan<float> pattern, ReadOnlySpan<float> values, int batch, int features) =>
        Build(pattern, values, batch, features, (int)TrainingKernels.CountPositive(pattern[..(batch * features)]));

    /// <summary>
    /// Fills <paramref name="destination"/> [<see cref="Count"/>] with <paramref name="matrix"/> [batch, features] at
    /// each by-feature entry: a second set of values on the same entries.
    /// </summary>
    public void GatherColumns(ReadOnlySpan<float> matrix, int features, Span<float> destination)
    {
        for (int f = 0; f < features; f++)
        {
            for (int k = FeatureStart[f]; k < FeatureStart[f + 1]; k++)
            {
                destination[k] = matrix[ColumnRow[k] * features + f];
            }
        }
    }

    /// <summary>destination[k] += <paramref name="matrix"/> [batch, features] at each by-feature entry k.</summary>
    public void AddFromMatrix(ReadOnlySpan<float> matrix, int features, Span<float> destination)
    {
        for (int f = 0; f < features; f++)
        {
            for (int k = FeatureStart[f]; k < FeatureStart[f + 1]; k++)
            {
                destination[k] += matrix[ColumnRow[k] * features + f];
            }
        }
    }

    /// <summary>matrix [batch, features] += gradients[k] at each by-feature entry of features [f0, fEnd); other entries are left as they are.</summary>
    public void AddColumns(ReadOnlySpan<float> gradients, int features, int f0, int fEnd, Span<float> matrix)
    {
        for (int f = f0; f < fEnd; f++)
        {
            for (int k = FeatureStart[f]; k < FeatureStart[f + 1]; k++)
            {
                matrix[ColumnRow[k] * features + f] += gradients[k];
            }
        }
    }

    private void Build(ReadOnlySpan<float> pattern, ReadOnlySpan<float> values, int batch, int features, int active)
    {
        EnsureCapacity(batch, features, active);
        Batch = batch;
        Count = 0;
        for (int b = 0; b < batch; b++)
        {
            RowStart[b] = Count;
            AppendPositives(pattern.Slice(b * features, features), values.Slice(b * features, features));
        }

        RowStart[batch] = Count;
        BuildColumns(batch, features);
    }

    // Scans one row a vector at a time, skipping all-zero vectors (most of them once the codes are sparse).
    private void AppendPositives(ReadOnlySpan<float> pattern, ReadOnlySpan<float> values)
    {
        int f = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; f <= pattern.Length - Vector<float>.Count; f += Vector<float>.Count)
            {
                if (Vector.GreaterThanAny(new Vector<float>(pattern[f..]), Vector<float>.Zero))
                {
                    AppendRange(pattern, values, f, f + Vector<float>.Count);
                }
            }
        }

        AppendRange(pattern, values, f, pattern.Length);
    }

    private void AppendRange(ReadOnlySpan<float> pattern, ReadOnlySpan<float> values, int start, int end)
    {
        for (int f = start; f < end; f++)
        {
            if (pattern[f] > 0)
            {
                Feature[Count] = f;
                Value[Count] = values[f];
                Count++;
            }
        }
    }

    // Counting sort of the entries by feature; entries are visited in vector order, so each feature's list is too.
    private void BuildColumns(int batch, int features)
    {
        Span<int> start = FeatureStart.AsSpan(0, features + 1);
        start.Clear();
        for (int e = 0; e < Count; e++)
        {
            start[Feature[e] + 1]++;
        }

        for (int f = 0; f < features; f++)
        {
            start[f + 1] += start[f];
        }

        start[..features].CopyTo(_cursor);
        for (int b = 0; b < batch; b++)
        {
            for (int e = RowStart[b]; e < RowStart[b + 1]; e++)
            {
                int slot = _cursor[Feature[e]]++;
                ColumnValue[slot] = Value[e];
                ColumnRow[slot] = b;
            }
        }
    }

    private void EnsureCapacity(int batch, int features, int active)
    {
        if (RowStart.Length < batch + 1)
        {
            RowStart = new int[batch + 1];
        }

        if (FeatureStart.Length < features + 1)
        {
            FeatureStart = new int[features + 1];
            _cursor = new int[features];
        }

        if (Feature.Length < active)
        {
            Feature = new int[active];
            Value = new float[active];
            ColumnValue = new float[active];
            ColumnGradient = new float[active];
            ColumnRow = new int[active];
        }
    }
}
