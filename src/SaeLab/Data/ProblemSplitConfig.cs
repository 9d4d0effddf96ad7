using SaeLab.Settings;
using static SaeLab.Settings.SettingException;

namespace SaeLab.Data;

/// <summary>
/// How a set's problems are split into training and test problems: by the label in <see cref="LabelKey"/>, stratified,
/// <see cref="TestSize"/> held out with seed <see cref="SplitSeed"/>. The defaults are the seed's 80/20 split with
/// random_state 42; probes and supervised SAEs that share these settings share the split.
/// </summary>
public sealed record ProblemSplitConfig
{
    /// <summary>String metadata column holding each problem's class (<c>--label-key</c>).</summary>
    [Setting("--label-key", "Label column the problems' split is stratified by")]
    public string LabelKey { get; init; } = MetadataKeys.DefaultLabel;

    /// <summary>Fraction of problems held out for testing, in (0, 1); the test set has ⌈fraction·n⌉ problems (<c>--test-size</c>).</summary>
    [Setting("--test-size", "Fraction of problems held out, as the probes hold them out")]
    public double TestSize { get; init; } = 0.2;

    /// <summary>Seed of the stratified split, scikit-learn's <c>random_state</c>, ≥ 0 (<c>--split-seed</c>).</summary>
    [Setting("--split-seed", "Seed of the split (scikit-learn's random_state)")]
    public int SplitSeed { get; init; } = 42;

    /// <summary>Throws a <see cref="SettingException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Require(TestSize > 0 && TestSize < 1, $"{Named(nameof(TestSize))} must be a fraction between 0 and 1 exclusive (got {TestSize})");
        Require(SplitSeed >= 0, $"{Named(nameof(SplitSeed))} must be >= 0 (got {SplitSeed})");
        Require(!string.IsNullOrWhiteSpace(LabelKey), $"{Named(nameof(LabelKey))} must name a string metadata column, e.g. operation_types");
    }
}
