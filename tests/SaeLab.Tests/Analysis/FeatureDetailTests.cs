using SaeLab.Analysis;
using SaeLab.Tests.Evaluation;

namespace SaeLab.Tests.Analysis;

public sealed class FeatureDetailTests
{
    private const double Tolerance = 1e-12;

    private static readonly AnalysisOptions WithExamples = new() { Examples = 3 };

    [Fact]
    public void HandBuiltData_GivesTheHandWorkedDetail()
    {
        FeatureAnalysis analysis = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), FeatureAnalyzerTests.Grid(), WithExamples);

        // Feature 0 = ReLU(x0) fires on the ten "a" vectors (rows 0-9): nine at 1, row 5 at 3.
        FeatureProfile f0 = analysis.Features[0];
        Assert.Equal(0.5, f0.Density, Tolerance);
        Assert.Equal(1.2, f0.MeanActivation, Tolerance);
        Assert.True(f0.LabelSelective);
        FeatureDetail detail = f0.Detail!;
        Assert.Equal([new FeatureExample(5, 3), new FeatureExample(0, 1), new FeatureExample(1, 1)], detail.Top);
        Assert.Equal(10, detail.Sampled);
        // 24 bins over [0, 3]: 1 falls in bin 8, 3 in the last.
        Assert.Equal((0.0, 3.0), (detail.Histogram.Low, detail.Histogram.High));
        Assert.Equal(9, detail.Histogram.Counts[8]);
        Assert.Equal(1, detail.Histogram.Counts[^1]);
        Assert.Equal(10, detail.Histogram.Counts.Sum());
        // Five bands of two activations each, the highest first: [1, 3], then four of [1, 1].
        Assert.Equal(QuantileBand.Count, detail.Bands.Count);
        Assert.Equal((0.8, 1.0, 1f, 3f), (detail.Bands[0].FromQuantile, detail.Bands[0].ToQuantile, detail.Bands[0].Lower, detail.Bands[0].Upper));
        Assert.Equal([5, 9], detail.Bands[0].Samples.Select(s => s.Vector));
        // The only other used feature is 1, whose decoder row [0, 1] is orthogonal to feature 0's [1, 0].
        Assert.Equal([new FeatureNeighbour(1, 0)], detail.Neighbours);
        Assert.Null(analysis.Features[2].Detail);
    }

    [Fact]
    public void WithoutExamples_ProfilesHaveNoDetailButKeepTheirMean()
    {
        FeatureAnalysis analysis = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), FeatureAnalyzerTests.Grid());

        Assert.All(analysis.Features, f => Assert.Null(f.Detail));
        Assert.Equal(1.2, analysis.Features[0].MeanActivation, Tolerance);
        Assert.Equal(0, analysis.Features[2].MeanActivation);
    }

    [Fact]
    public void Batches_GiveTheSameDetail()
    {
        FeatureAnalysis whole = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), FeatureAnalyzerTests.Grid(), WithExamples);
        FeatureAnalysis batched = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), FeatureAnalyzerTests.Grid(), WithExamples with { BatchSize = 3 });

        for (int f = 0; f < 2; f++)
        {
            Assert.Equal(whole.Features[f].Detail!.Top, batched.Features[f].Detail!.Top);
            Assert.Equal(whole.Features[f].Detail!.Histogram.Counts, batched.Features[f].Detail!.Histogram.Counts);
        }
    }

    [Fact]
    public void ManyFiringVectors_AreSampledButTheTopStaysExact()
    {
        int count = (2 * FeatureDetail.SampleCapacity) + 7;
        float[][] rows = Enumerable.Range(0, count).Select(i => new[] { (i + 1f) / count }).ToArray();

        FeatureDetail detail = FeatureAnalyzer.Analyze(TinySae.SplitSigns(1), TinySae.Rows(rows).WithColumn(new SaeLab.Data.StringColumn(SaeLab.Data.MetadataKeys.DefaultLabel, Enumerable.Repeat("a", count).ToArray())), WithExamples).Features[0].Detail!;

        Assert.Equal(FeatureDetail.SampleCapacity, detail.Sampled);
        Assert.Equal(FeatureDetail.SampleCapacity, detail.Histogram.Counts.Sum());
        Assert.Equal([count - 1, count - 2, count - 3], detail.Top.Select(e => e.Vector));
        // A uniform sample spreads over the whole range: each band holds a fifth of it.
        Assert.InRange(detail.Bands[^1].Upper, 0.1f, 0.3f);
    }
}
