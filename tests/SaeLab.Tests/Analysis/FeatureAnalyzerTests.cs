using SaeLab.Analysis;
using SaeLab.Data;
using SaeLab.Tests.Evaluation;

namespace SaeLab.Tests.Analysis;

public sealed class FeatureAnalyzerTests
{
    private const double Tolerance = 1e-12;

    [Theory]
    [InlineData(new[] { 3.0, 0, 0 }, "a", 3.0)]
    [InlineData(new[] { 1.0, 1, 1 }, "a", 1.0)]
    [InlineData(new[] { 1.0, 3, 2 }, "b", 1.5)]
    [InlineData(new[] { 0.0, 0, 0 }, null, 0.0)]
    public void Selectivity_IsLargestMeanOverAverageMean(double[] means, string? preferred, double selectivity)
    {
        FeaturePreference preference = FeaturePreference.From(["a", "b", "c"], means);

        Assert.Equal(preferred, preference.Preferred);
        Assert.Equal(selectivity, preference.Selectivity, Tolerance);
        Assert.Equal(means[1], preference.Means["b"]);
    }

    [Fact]
    public void HandBuiltData_GivesTheHandWorkedProfiles()
    {
        FeatureAnalysis analysis = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), Grid());

        // Feature 0 = ReLU(x0) fires on label "a" only: means a = (9·1 + 3)/10 = 1.2, b = 0 → selectivity 2.
        FeatureProfile f0 = analysis.Features[0];
        Assert.Equal(10, f0.Usage);
        Assert.Equal(3f, f0.MaxActivation);
        Assert.Equal("a", f0.Label.Preferred);
        Assert.Equal(2, f0.Label.Selectivity, Tolerance);
        Assert.Equal(1.2, f0.Label.Means["a"], Tolerance);
        // By layer: layer 8 holds 5 "a" vectors summing 1+1+1+1+3 = 7 among its 10 → 0.7; layer 4: 5/10 = 0.5.
        Assert.Equal("8", f0.Layer!.Preferred);
        Assert.Equal(0.7 / 0.6, f0.Layer.Selectivity, Tolerance);
        Assert.Equal("1", f0.Token!.Preferred);

        // Features 2 and 3 (negative parts) never fire.
        Assert.Null(analysis.Features[2].Label.Preferred);
        Assert.Equal(0, analysis.Features[3].Label.Selectivity);
        Assert.Equal(2, analysis.UsedFeatures);
        Assert.Equal(2, analysis.LabelSelectiveFeatures);
        Assert.Empty(analysis.Notes);
    }

    [Fact]
    public void SelectiveFeatures_AreCountedWhereTheyPreferToSit()
    {
        FeatureAnalysis analysis = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), Grid());

        DimensionSummary labels = analysis.Dimensions[0];
        Assert.Equal(MetadataKeys.DefaultLabel, labels.Column);
        Assert.Equal(1, labels.SelectivePreferring["a"]);
        Assert.Equal(1, labels.SelectivePreferring["b"]);
        Assert.Equal([10, 10], labels.Vectors);

        // Feature 0 peaks at (layer 8, token 1), feature 1 at (layer 4, token 0); 2 features over 4 cells → 0.5 expected.
        PositionEnrichment position = analysis.Position!;
        Assert.Equal(["4", "8"], position.Layers);
        Assert.Equal(["0", "1"], position.Tokens);
        Assert.Equal([[1, 0], [0, 1]], position.Counts);
        Assert.Equal(0.5, position.ExpectedPerCell, Tolerance);
        Assert.Equal([[2.0, 0], [0, 2.0]], position.Enrichment);
        Assert.Equal(("4", "0", 1, 2.0), (position.TopLayer, position.TopToken, position.TopCount, position.TopEnrichment));
    }

    [Fact]
    public void TopFeatures_AreTheMostSelectiveOfTheUsedOnes()
    {
        FeatureAnalysis analysis = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), Grid(), new AnalysisOptions { Top = 1 });

        FeatureProfile top = Assert.Single(analysis.TopFeatures);
        // Both used features have selectivity 2 and usage 10: the tie goes to the lower id.
        Assert.Equal(0, top.Id);
        // Dead features never enter the table, however many rows it has.
        Assert.Equal([0, 1], FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), Grid()).TopFeatures.Select(f => f.Id));
    }

    [Fact]
    public void MinimumSelectivityAndUsage_GateTheSelectiveCount()
    {
        Assert.Equal(0, FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), Grid(), new AnalysisOptions { MinSelectivity = 2.01 }).LabelSelectiveFeatures);
        Assert.Equal(0, FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), Grid(), new AnalysisOptions { MinUsage = 11 }).LabelSelectiveFeatures);
    }

    [Fact]
    public void MissingOrSingleValuedPositions_AreSkippedWithANote()
    {
        ActivationSet grid = Grid();
        var noLayers = new ActivationSet(grid.Values, grid.Count, grid.Dim, grid.Columns.Where(c => c.Name != MetadataKeys.Layers), "no layers");
        ActivationSet unrecordedLayers = grid.WithColumn(new IntColumn(MetadataKeys.Layers, Enumerable.Repeat(-1L, grid.Count).ToArray()));

        FeatureAnalysis missing = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), noLayers);
        FeatureAnalysis single = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), unrecordedLayers);

        Assert.Null(missing.Features[0].Layer);
        Assert.Contains(missing.Notes, n => n.Contains("no 'layers' column"));
        Assert.Equal(["all"], missing.Position!.Layers);
        Assert.Null(single.Features[0].Layer);
        Assert.Contains(single.Notes, n => n.Contains("one value (-1)"));
        Assert.Equal(["-1"], single.Position!.Layers);
        Assert.Equal(2, single.Dimensions.Count);
    }

    [Fact]
    public void MissingLabelColumn_IsAUserErrorListingTheColumns()
    {
        var error = Assert.Throws<SaeLabException>(() => FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), Grid(), new AnalysisOptions { LabelKey = "nope" }));
        Assert.Contains("no metadata column 'nope'", error.Message);
        Assert.Contains(MetadataKeys.Layers, error.Message);
    }

    [Fact]
    public void Batches_GiveTheSameAnalysis()
    {
        FeatureAnalysis whole = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), Grid());
        FeatureAnalysis batched = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), Grid(), new AnalysisOptions { BatchSize = 3 });

        Assert.Equal(whole.Features.Select(f => f.Label.Selectivity), batched.Features.Select(f => f.Label.Selectivity));
        Assert.Equal(whole.Position!.Counts, batched.Position!.Counts);
    }

    /// <summary>
    /// 20 vectors: labels a/b (10 each), layers 4/8, tokens 0/1, five of each label per (layer, token) pair…
    /// laid out as label × 10 with layer = i / 5 and token = i % 2. Label a is x = [1, 0] except [3, 0] at
    /// (layer 8, token 1) once; label b is x = [0, 1] except [0, 2] at (layer 4, token 0) once.
    /// </summary>
    internal static ActivationSet Grid()
    {
        var values = new List<float>();
        var labels = new List<string>();
        var layers = new List<long>();
        var tokens = new List<long>();
        foreach (string label in new[] { "a", "b" })
        {
            for (int i = 0; i < 10; i++)
            {
                long layer = i < 5 ? 4 : 8, token = i % 2;
                bool peak = label == "a" ? layer == 8 && token == 1 && i == 5 : layer == 4 && token == 0 && i == 0;
                float value = peak ? (label == "a" ? 3 : 2) : 1;
                values.AddRange(label == "a" ? [value, 0] : [0, value]);
                labels.Add(label);
                layers.Add(layer);
                tokens.Add(token);
            }
        }

        return new ActivationSet(values.ToArray(), 20, 2, [new StringColumn(MetadataKeys.DefaultLabel, labels.ToArray()), new IntColumn(MetadataKeys.Layers, layers.ToArray()), new IntColumn(MetadataKeys.Tokens, tokens.ToArray())], "grid");
    }
}
