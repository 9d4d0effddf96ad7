namespace SaeLab.Probing.Aggregation;

/// <summary>One probe sample per problem: features [Samples, Features] row-major, problems in ascending id order.</summary>
/// <param name="Values">Aggregated features, row-major [Samples, Features].</param>
/// <param name="Samples">Number of problems.</param>
/// <param name="Features">Feature count: source width × slots (1, or layers, or layers × tokens).</param>
/// <param name="Problems">Problem id of each sample.</param>
/// <param name="Labels">Label of each sample.</param>
public sealed record ProblemFeatures(float[] Values, int Samples, int Features, long[] Problems, string[] Labels)
{
    /// <summary>The rows <paramref name="indices"/>, in that order, as a new [indices.Count, Features] array.</summary>
    public float[] Rows(IReadOnlyList<int> indices)
    {
        float[] rows = new float[(long)indices.Count * Features];
        for (int r = 0; r < indices.Count; r++)
        {
            Values.AsSpan(indices[r] * Features, Features).CopyTo(rows.AsSpan(r * Features));
        }

        return rows;
    }

    /// <summary>The same problems with only the feature columns <paramref name="columns"/>, in that order.</summary>
    public ProblemFeatures Columns(IReadOnlyList<int> columns)
    {
        float[] values = new float[(long)Samples * columns.Count];
        for (int i = 0; i < Samples; i++)
        {
            for (int j = 0; j < columns.Count; j++)
            {
                values[i * columns.Count + j] = Values[i * Features + columns[j]];
            }
        }

        return WithValues(values, columns.Count);
    }

    /// <summary>The same problems with the features replaced by <paramref name="values"/> [Samples, features].</summary>
    public ProblemFeatures WithValues(float[] values, int features) => this with { Values = values, Features = features };
}
