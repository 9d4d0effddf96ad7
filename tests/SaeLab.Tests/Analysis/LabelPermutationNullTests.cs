using SaeLab.Analysis;
using SaeLab.Data;
using SaeLab.Tests.Evaluation;

namespace SaeLab.Tests.Analysis;

public sealed class LabelPermutationNullTests
{
    [Fact]
    public void LabelTiedFeatures_BeatEveryShuffle_OfWholeProblems()
    {
        // Feature 0 fires on every "a" vector, feature 1 on every "b" one: selectivity 2 each, which a shuffle of 40
        // problems reaches only by restoring the labels exactly (odds 1 in C(40, 20)).
        ActivationSet data = Problems(40, vectorsEach: 3, (problem, _) => problem % 2 == 0 ? [1f, 0f] : [0f, 1f]);

        FeatureAnalysis analysis = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), data, AnalysisOptions.Default with { Permutations = 50 });

        Assert.Equal(2, analysis.LabelSelectiveFeatures);
        LabelPermutationNull chance = analysis.LabelSelectiveNull!;
        Assert.Equal(MetadataKeys.Problems, chance.Unit);
        Assert.Equal(50, chance.Permutations);
        Assert.Equal(0, chance.MeanCount);
        Assert.Equal(1.0 / 51, chance.PValue, 1e-12);
    }

    [Fact]
    public void FeaturesFiringAlikeEverywhere_AreNoMoreSelectiveThanChance()
    {
        ActivationSet data = Problems(40, vectorsEach: 3, (_, _) => [1f, 1f]);

        FeatureAnalysis analysis = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), data, AnalysisOptions.Default with { Permutations = 20 });

        Assert.Equal(0, analysis.LabelSelectiveFeatures);
        Assert.Equal(1.0, analysis.LabelSelectiveNull!.PValue);
    }

    [Fact]
    public void ProblemsHoldingTwoLabels_AreShuffledVectorByVector()
    {
        ActivationSet data = Problems(10, vectorsEach: 2, (problem, _) => [problem, 0f]);
        string[] labels = data.Strings(MetadataKeys.DefaultLabel);
        labels[1] = labels[1] == "a" ? "b" : "a";

        FeatureAnalysis analysis = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), data);

        Assert.Equal("vectors", analysis.LabelSelectiveNull!.Unit);
        Assert.Equal(AnalysisOptions.Default.Permutations, analysis.LabelSelectiveNull.Permutations);
    }

    [Fact]
    public void NoPermutations_GiveNoNull_AndTheSameSeedTheSameNull()
    {
        ActivationSet data = Problems(20, vectorsEach: 2, (problem, vector) => [problem % 3, vector]);

        Assert.Null(FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), data, AnalysisOptions.Default with { Permutations = 0 }).LabelSelectiveNull);
        Assert.Equal(FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), data).LabelSelectiveNull, FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), data).LabelSelectiveNull);
    }

    /// <summary>Problems labelled a, b, a, b, …, each with <paramref name="vectorsEach"/> two-dimensional vectors.</summary>
    private static ActivationSet Problems(int problems, int vectorsEach, Func<int, int, float[]> vector)
    {
        var values = new List<float>();
        var problemIds = new List<long>();
        var labels = new List<string>();
        for (int p = 0; p < problems; p++)
        {
            for (int v = 0; v < vectorsEach; v++)
            {
                values.AddRange(vector(p, v));
                problemIds.Add(p);
                labels.Add(p % 2 == 0 ? "a" : "b");
            }
        }

        return new ActivationSet(values.ToArray(), problemIds.Count, 2,
            [new IntColumn(MetadataKeys.Problems, problemIds.ToArray()), new StringColumn(MetadataKeys.DefaultLabel, labels.ToArray())], "problems");
    }
}
