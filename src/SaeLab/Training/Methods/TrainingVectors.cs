using SaeLab.Data.Shards;

namespace SaeLab.Training.Methods;

/// <summary>
/// The vectors that the methods looking at the data draw their samples from, with the <see cref="System.Random"/> that
/// draws them: seeded from the run's seed but separate from the run's own, so that turning a method on does not change
/// the initial weights or the shuffles. In memory they are the training rows themselves; for a streaming run they are
/// a uniform sample of the rows read before training (<see cref="Sampled"/>), and the methods cannot tell the two apart.
/// </summary>
public sealed class TrainingVectors
{
    private readonly int[] _rows;

    /// <param name="values">All vectors, [N, <paramref name="dim"/>].</param>
    /// <param name="rows">The rows trained on (copied).</param>
    /// <param name="dim">Vector length d.</param>
    /// <param name="seed">The run's seed.</param>
    public TrainingVectors(float[] values, IReadOnlyList<int> rows, int dim, int seed)
        : this(values, [.. rows], dim, NewRandom(seed))
    {
    }

    private TrainingVectors(float[] values, int[] rows, int dim, Random random)
    {
        Values = values;
        _rows = rows;
        Dim = dim;
        Random = random;
    }

    /// <summary>All vectors, [N, <see cref="Dim"/>].</summary>
    public float[] Values { get; }

    /// <summary>The rows trained on.</summary>
    public ReadOnlySpan<int> Rows => _rows;

    public int Dim { get; }

    /// <summary>Draws the samples.</summary>
    public Random Random { get; }

    /// <summary>
    /// min(<paramref name="count"/>, source rows) rows of <paramref name="source"/> drawn uniformly without replacement
    /// (<see cref="RowSample"/>) and read into memory, in reads of at most <paramref name="maxReadRows"/> rows, by the
    /// same generator that then draws the methods' samples. When the sample holds every row nothing is drawn for it,
    /// so the methods see exactly what they see in memory on the same rows in the same order.
    /// </summary>
    public static TrainingVectors Sampled(IRowSource source, int count, int maxReadRows, int seed)
    {
        Random random = NewRandom(seed);
        long[] chosen = RowSample.Choose(source.Rows, count, random);
        float[] values = RowSample.Read(source, chosen, maxReadRows);
        return new TrainingVectors(values, [.. Enumerable.Range(0, chosen.Length)], source.Dim, random);
    }

    /// <summary>min(<paramref name="count"/>, rows) distinct training vectors drawn at random, each multiplied by <paramref name="scale"/>: [n, d].</summary>
    public float[] Sample(int count, float scale)
    {
        int[] picked = (int[])_rows.Clone();
        int n = Math.Min(count, picked.Length);
        for (int i = 0; i < n; i++)
        {
            int j = Random.Next(i, picked.Length);
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

    private static Random NewRandom(int seed) => new(unchecked(seed ^ 0x5EED));
}
