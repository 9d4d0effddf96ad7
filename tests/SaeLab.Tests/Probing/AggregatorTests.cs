using SaeLab.Data;
using SaeLab.Probing.Aggregation;

namespace SaeLab.Tests.Probing;

public sealed class AggregatorTests
{
    private const int Problems = 4, Dim = 3;
    private readonly ActivationSet _set = ProbeTestSets.Coded(Problems, Dim);

    [Fact]
    public void Token_PicksTheOneVector()
    {
        ProblemFeatures f = Aggregator.Aggregate(_set, AggregationSpec.Parse("token:1@layer:8"), MetadataKeys.DefaultLabel);

        Assert.Equal((Problems, Dim), (f.Samples, f.Features));
        Assert.Equal([0L, 1, 2, 3], f.Problems);
        Assert.Equal(["class0", "class1", "class2", "class0"], f.Labels);
        Assert.Equal(Expected(2, l => l == 8, t => t == 1), f.Values.AsSpan(2 * Dim, Dim).ToArray());
    }

    [Fact]
    public void Mean_AveragesAllTokensAndLayers()
    {
        ProblemFeatures f = Aggregator.Aggregate(_set, AggregationSpec.Mean, MetadataKeys.DefaultLabel);

        Assert.Equal(Expected(1, _ => true, _ => true), f.Values.AsSpan(Dim, Dim).ToArray());
    }

    [Fact]
    public void LayerMean_ConcatenatesPerLayerMeansInLayerOrder()
    {
        ProblemFeatures f = Aggregator.Aggregate(_set, AggregationSpec.Parse("layer-mean"), MetadataKeys.DefaultLabel);

        Assert.Equal(3 * Dim, f.Features);
        float[] expected = ProbeTestSets.Layers.SelectMany(layer => Expected(3, l => l == layer, _ => true)).ToArray();
        Assert.Equal(expected, f.Values.AsSpan(3 * f.Features, f.Features).ToArray());
    }

    [Fact]
    public void Concat_OrdersByLayerThenToken()
    {
        ProblemFeatures f = Aggregator.Aggregate(_set, AggregationSpec.Parse("concat"), MetadataKeys.DefaultLabel);

        Assert.Equal(3 * ProbeTestSets.Tokens * Dim, f.Features);
        float[] expected = ProbeTestSets.Layers
            .SelectMany(layer => Enumerable.Range(0, ProbeTestSets.Tokens).SelectMany(token => Expected(0, l => l == layer, t => t == token)))
            .ToArray();
        Assert.Equal(expected, f.Values.AsSpan(0, f.Features).ToArray());
    }

    [Fact]
    public void Max_TakesTheElementwiseMaximum()
    {
        ProblemFeatures f = Aggregator.Aggregate(_set, AggregationSpec.Parse("max"), MetadataKeys.DefaultLabel);

        float[] expected = Enumerable.Range(0, Dim).Select(d => (float)ProbeTestSets.Value(2, 14, ProbeTestSets.Tokens - 1, d)).ToArray();
        Assert.Equal(expected, f.Values.AsSpan(2 * Dim, Dim).ToArray());
    }

    [Fact]
    public void SaeCodes_AreEncodedInBoundedBatches()
    {
        var sae = new ProbeTestSets.DoublingSae(Dim);

        ProblemFeatures f = Aggregator.Aggregate(_set, AggregationSpec.Mean, MetadataKeys.DefaultLabel, sae, encodeBatchRows: 7);

        Assert.All(sae.Batches, n => Assert.InRange(n, 1, 7));
        Assert.Equal(_set.Count, sae.Batches.Sum());
        Assert.Equal(Expected(1, _ => true, _ => true).Select(v => 2 * v), f.Values.AsSpan(Dim, Dim).ToArray());
    }

    [Theory]
    [InlineData("token:9@layer:8", "no vector has token 9 at layer 8")]
    [InlineData("token:1@layer:5", "layers present: 4, 8, 14")]
    public void MissingTokenOrLayer_IsAClearError(string spec, string expected)
    {
        var e = Assert.Throws<SaeLabException>(() => Aggregator.Aggregate(_set, AggregationSpec.Parse(spec), MetadataKeys.DefaultLabel));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AProblemMissingAVector_IsAClearErrorForConcat()
    {
        ActivationSet partial = Without(_set, row => row == 5);

        var e = Assert.Throws<SaeLabException>(() => Aggregator.Aggregate(partial, AggregationSpec.Parse("concat"), MetadataKeys.DefaultLabel));

        Assert.Contains("problem 0 has 0 vectors for token", e.Message);
    }

    [Fact]
    public void DisagreeingLabelsWithinAProblem_AreAClearError()
    {
        string[] labels = _set.Strings(MetadataKeys.DefaultLabel).ToArray();
        labels[3] = "other";
        ActivationSet relabelled = _set.WithColumn(new StringColumn(MetadataKeys.DefaultLabel, labels));

        var e = Assert.Throws<SaeLabException>(() => Aggregator.Aggregate(relabelled, AggregationSpec.Mean, MetadataKeys.DefaultLabel));

        Assert.Contains("problem 0 has two labels", e.Message);
    }

    [Fact]
    public void ANumericOrMissingLabelColumn_IsAClearError()
    {
        Assert.Throws<SaeLabException>(() => Aggregator.Aggregate(_set, AggregationSpec.Mean, MetadataKeys.Layers));
        Assert.Throws<SaeLabException>(() => Aggregator.Aggregate(_set, AggregationSpec.Mean, "difficulty"));
    }

    /// <summary>The float32 mean of the coded values of one problem's selected vectors, summed in row order as numpy does.</summary>
    private static float[] Expected(long problem, Func<long, bool> layer, Func<long, bool> token)
    {
        var selected = Enumerable.Range(0, ProbeTestSets.Tokens)
            .SelectMany(t => ProbeTestSets.Layers.Select(l => (l, t)))
            .Where(v => layer(v.l) && token(v.t))
            .ToArray();
        return Enumerable.Range(0, Dim).Select(f =>
        {
            float sum = 0;
            foreach (var (l, t) in selected)
            {
                sum += (float)ProbeTestSets.Value(problem, l, t, f);
            }

            return sum / selected.Length;
        }).ToArray();
    }

    private static ActivationSet Without(ActivationSet set, Func<int, bool> drop)
    {
        int[] keep = Enumerable.Range(0, set.Count).Where(i => !drop(i)).ToArray();
        float[] values = keep.SelectMany(i => set.Row(i).ToArray()).ToArray();
        var columns = set.Columns.Select(c => c switch
        {
            IntColumn ints => (MetadataColumn)new IntColumn(c.Name, keep.Select(i => ints.Values[i]).ToArray()),
            StringColumn strings => new StringColumn(c.Name, keep.Select(i => strings.Values[i]).ToArray()),
            _ => throw new InvalidOperationException(),
        });
        return new ActivationSet(values, keep.Length, set.Dim, columns, set.Source);
    }
}
