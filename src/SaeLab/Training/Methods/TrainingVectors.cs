namespace SaeLab.Training.Methods;

/// <summary>The training vectors, in memory, for the methods that look at a sample of them.</summary>
public sealed class TrainingVectors
{
    private readonly int[] _rows;

    /// <param name="values">All vectors, [N, <paramref name="dim"/>].</param>
    /// <param name="rows">The rows trained on (copied).</param>
    /// <param name="dim">Vector length d.</param>
    public TrainingVectors(float[] values, IReadOnlyList<int> rows, int dim)
    {
        Values = values;
        _rows = [.. rows];
        Dim = dim;
    }

    /// <summary>All vectors, [N, <see cref="Dim"/>].</summary>
    public float[] Values { get; }

    /// <summary>The rows trained on.</summary>
    public ReadOnlySpan<int> Rows => _rows;

    public int Dim { get; }

    /// <summary>
    /// min(<paramref name="count"/>, rows) distinct training vectors drawn by <paramref name="random"/> (a
    /// <see cref="StepRandom"/>), each multiplied by <paramref name="scale"/>: [n, d].
    /// </summary>
    public float[] Sample(int count, float scale, Random random)
    {
        int[] picked = (int[])_rows.Clone();
        int n = Math.Min(count, picked.Length);
        for (int i = 0; i < n; i++)
        {
            int j = random.Next(i, picked.Length);
            (picked[i], picked[j]) = (picked[j], picked[i]);
        }

        var sample = new float[checked(n * Dim)];
        for (int i = 0; i < n; i++)
        {
            Values.AsSpan(picked[i] * Dim, Dim).CopyTo(sample.AsSpan(i * Dim, Dim));
        }

        System.Numerics.Tensors.TensorPrimitives.Multiply(sample, scale, sample);
        return sample;
    }
}
