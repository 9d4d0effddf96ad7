using SaeLab.Data;
using SaeLab.Data.Shards;

namespace SaeLab.Tests.Shards;

public sealed class RowSubsetSourceTests
{
    [Fact]
    public void ReadsTheKeptRowsAndTheirMetadata_RenumberedInOrder()
    {
        // Ten 2-dimensional vectors whose values and problem column are their row numbers.
        var set = new ActivationSet([.. Enumerable.Range(0, 20).Select(v => (float)(v / 2))], 10, 2, [new IntColumn(MetadataKeys.Problems, [.. Enumerable.Range(0, 10).Select(r => (long)r)])], "ten");
        var subset = new RowSubsetSource(new InMemoryRowSource(set), [1, 2, 3, 6, 8, 9]);
        float[] values = new float[4 * 2];

        subset.ReadRows(2, 4, values);

        Assert.Equal(6, subset.Rows);
        Assert.Equal([3f, 3, 6, 6, 8, 8, 9, 9], values);
        Assert.Equal([3L, 6, 8, 9], ((IntColumn)subset.ReadColumns(2, 4)[0]).Values);
        Assert.Empty(((IntColumn)subset.ReadColumns(0, 0)[0]).Values);
    }
}
