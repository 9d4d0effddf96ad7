using SaeLab.Data;

namespace SaeLab.Experiments;

/// <summary>Which vectors a layer- or token-specific SAE trains, evaluates and probes on; both null means all of them.</summary>
/// <param name="Layer">Only vectors at this layer, if set.</param>
/// <param name="Token">Only vectors at this token position, if set.</param>
public sealed record VectorSubset(long? Layer, long? Token)
{
    public bool IsAll => Layer is null && Token is null;

    /// <summary><c>layer=8, token=1</c>, or <c>all vectors</c>.</summary>
    public override string ToString() =>
        IsAll ? "all vectors" : string.Join(", ", new[] { Layer is { } l ? $"layer={l}" : null, Token is { } t ? $"token={t}" : null }.OfType<string>());

    /// <summary>The rows of <paramref name="set"/> in the subset, in order; a clear error when the subset is empty.</summary>
    public int[] Rows(ActivationSet set)
    {
        if (IsAll)
        {
            return [.. Enumerable.Range(0, set.Count)];
        }

        long[]? layers = Layer is null ? null : set.Ints(MetadataKeys.Layers);
        long[]? tokens = Token is null ? null : set.Ints(MetadataKeys.Tokens);
        int[] rows = [.. Enumerable.Range(0, set.Count).Where(i => (layers is null || layers[i] == Layer) && (tokens is null || tokens[i] == Token))];
        if (rows.Length == 0)
        {
            throw SaeLabException.ForFile(set.Source, $"no vector has {this}", $"{Present(set, MetadataKeys.Layers)}; {Present(set, MetadataKeys.Tokens)}");
        }

        return rows;
    }

    /// <summary>The subset as its own set (a copy of those rows and their metadata); <paramref name="set"/> itself when all.</summary>
    public ActivationSet Take(ActivationSet set)
    {
        if (IsAll)
        {
            return set;
        }

        return set.TakeRows(Rows(set), $"{set.Source} ({this})");
    }

    private static string Present(ActivationSet set, string column) =>
        set.HasColumn(column) ? $"{column} present: {string.Join(", ", set.Ints(column).Distinct().Order())}" : $"no '{column}' column";
}
