using SaeLab.Sae;

namespace SaeLab.Tests.Sae;

public sealed class TopKSelectionTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(7, 2)]
    [InlineData(64, 3)]
    [InlineData(1000, 4)]
    public void OrderStatistic_IsTheSortedValueAtEveryIndex(int length, int seed)
    {
        var random = new Random(seed);
        float[] pool = [0f, -0f, 1f, -1f, 2.5f, float.NegativeInfinity, float.PositiveInfinity, float.Epsilon];
        // Ties, signed zeros and infinities, and plain random values.
        float[] values = [.. Enumerable.Range(0, length).Select(_ => random.Next(3) == 0 ? pool[random.Next(pool.Length)] : (float)random.NextDouble() - 0.5f)];
        float[] sorted = [.. values];
        Array.Sort(sorted);

        for (int index = 0; index < length; index++)
        {
            float[] copy = [.. values];
            Assert.Equal(sorted[index], TopKSelection.OrderStatistic(copy, index));
        }
    }

    [Fact]
    public void OrderStatistic_WithNaN_AgreesWithTheSort()
    {
        float[] values = [3f, float.NaN, -1f, 2f, float.NaN, 0f];
        float[] sorted = [.. values];
        Array.Sort(sorted);

        for (int index = 0; index < values.Length; index++)
        {
            Assert.Equal(sorted[index], TopKSelection.OrderStatistic([.. values], index));
        }
    }

    [Fact]
    public void OrderStatistic_OnAllEqualOrSortedInputs_Terminates()
    {
        float[] equal = [.. Enumerable.Repeat(0.5f, 5000)];
        float[] ascending = [.. Enumerable.Range(0, 5000).Select(i => (float)i)];

        Assert.Equal(0.5f, TopKSelection.OrderStatistic(equal, 4000));
        Assert.Equal(4000f, TopKSelection.OrderStatistic([.. ascending], 4000));
        Assert.Equal(4000f, TopKSelection.OrderStatistic([.. ascending.Reverse()], 4000));
    }

    [Fact]
    public void KeepTopK_KeepsTheLargestReLUdAndBreaksTiesByLowerIndex()
    {
        float[] values = [0.5f, 2f, -1f, 2f, 2f, 1f];

        TopKSelection.KeepTopK(values, 2, new float[values.Length]);

        Assert.Equal([0f, 2f, 0f, 2f, 0f, 0f], values);
    }
}
