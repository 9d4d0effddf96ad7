namespace SaeLab.Data.Shards;

/// <summary>The metadata of a row source as an <see cref="ActivationSet"/> of zero-dimensional vectors: what a problem split needs, without the vectors.</summary>
public static class RowSourceMetadata
{
    /// <summary>Every row's metadata columns, read at once (the ids and labels of a large folder fit where its vectors do not).</summary>
    public static ActivationSet Of(IRowSource source)
    {
        if (source.Rows > Array.MaxLength)
        {
            throw SaeLabException.ForFile(source.Source, $"{source.Rows} rows are more than a problem split can hold", "shard fewer vectors");
        }

        return new ActivationSet([], (int)source.Rows, 0, source.ReadColumns(0, (int)source.Rows), source.Source);
    }
}
