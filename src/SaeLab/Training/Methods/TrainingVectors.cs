using SaeLab.Data.Shards;

namespace SaeLab.Training.Methods;

/// <summary>
/// The vectors that the methods looking at the data draw their samples from (each draw with a <see cref="StepRandom"/>).
/// In memory they are the training rows themselves; for a streaming run they are a uniform sample of the rows read
/// before training (<see cref="Sampled"/>), and the methods cannot tell the two apart.
/// </summary>
public sealed class TrainingVectors
{
    /// <summary>The <see cref="StepRandom"/> step of the draw that chooses a streaming run's sample: before step 0 (b_dec's sample).</summary>
    public const long SampleChoiceStep = -1;

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
    /// min(<paramref name="count"/>, source rows) rows of <paramref name="source"/> drawn uniformly without replacement
    /// (<see cref="RowSample"/>, by <see cref="StepRandom"/> at <see cref="SampleChoiceStep"/>) and read into memory, in
    /// reads of at most <paramref name="maxReadRows"/> rows. When the sample holds every row, the methods see exactly
    /// what they see in memory on the same rows in the same order.
    /// </summary>
    public static TrainingVectors Sampled(IRowSource source, int count, int maxReadRows, int seed)
    {
        long[] chosen = RowSample.Choose(source.Rows, count, StepRandom.At(seed, SampleChoiceStep));
        float[] values = RowSample.Read(source, chosen, maxReadRows);
        return new TrainingVectors(values, [.. Enumerable.Range(0, chosen.Length)], source.Dim);
    }

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
