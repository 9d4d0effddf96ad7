using System.Text.Json.Serialization;
using SaeLab.Data;
using SaeLab.Probing.Aggregation;
using SaeLab.Probing.Classifier;
using SaeLab.Settings;

namespace SaeLab.Probing;

/// <summary>
/// One linear probe: which per-problem features, which labels, the split and the classifier. The defaults are the
/// seed's: operation-type labels, an 80/20 stratified split with random_state 42, no scaling, and scikit-learn's
/// <c>LogisticRegression(max_iter=1000)</c>.
/// </summary>
public sealed record ProbeConfig
{
    /// <summary>How each problem's vectors become one sample (<c>--aggregate</c>).</summary>
    public AggregationSpec Aggregation { get; init; } = AggregationSpec.Mean;

    /// <summary>String metadata column holding each problem's class (<c>--label-key</c>).</summary>
    [Setting("--label-key", "String metadata column with each problem's class")]
    public string LabelKey { get; init; } = MetadataKeys.DefaultLabel;

    /// <summary>Centre and scale features with statistics of the training part only (<c>--standardize</c>).</summary>
    [Setting("--standardize", "Centre and scale features with training-set statistics")]
    public bool Standardize { get; init; }

    /// <summary>Fraction of problems held out for testing, in (0, 1); the test set has ⌈fraction·n⌉ problems (<c>--test-size</c>).</summary>
    [Setting("--test-size", "Fraction of problems held out, stratified")]
    public double TestSize { get; init; } = new ProblemSplitConfig().TestSize;

    /// <summary>Seed of the stratified split, scikit-learn's <c>random_state</c>, ≥ 0 (<c>--split-seed</c>).</summary>
    [Setting("--split-seed", "Seed of the split (scikit-learn's random_state)")]
    public int SplitSeed { get; init; } = new ProblemSplitConfig().SplitSeed;

    /// <summary>Rows per SAE encoding call when probing SAE codes.</summary>
    public int EncodeBatchRows { get; init; } = Aggregator.DefaultEncodeBatchRows;

    /// <summary>The classifier.</summary>
    public LogisticRegressionConfig Regression { get; init; } = new();

    /// <summary>The problem split these settings make (label key, test size, split seed), as supervised SAEs make it too.</summary>
    [JsonIgnore]
    public ProblemSplitConfig SplitSettings => new() { LabelKey = LabelKey, TestSize = TestSize, SplitSeed = SplitSeed };

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        SplitSettings.Validate();
        if (EncodeBatchRows < 1)
        {
            throw new SaeLabException($"encode batch rows must be at least 1 (got {EncodeBatchRows})");
        }

        Regression.Validate();
    }
}
