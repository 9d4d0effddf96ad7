using System.Text.Json.Serialization;
using SaeLab.Data;
using SaeLab.Settings;
using static SaeLab.Settings.SettingException;

namespace SaeLab.Training.Supervised;

/// <summary>
/// The supervised term of a supervised SAE (the seed report's next step "Try Supervised SAE"): a linear head on the
/// codes, softmax(z·W_head + b_head), trained with the SAE by adding <see cref="Weight"/> · cross-entropy against each
/// vector's label. Only the vectors of the probes' training problems are trained on: the problems are split exactly as
/// the probes split them (<see cref="ProblemSplit"/> with <see cref="TestSize"/> and <see cref="SplitSeed"/>), so
/// a probe's test problems stay unseen and its accuracy stays honest.
/// </summary>
public sealed record SupervisedConfig
{
    /// <summary>λ, the weight of the cross-entropy term (<c>--supervised-weight</c>); ≥ 0. The seed suggests 0.1.</summary>
    [Setting(
        "--supervised-weight",
        "Train a supervised SAE: add this weight × the cross-entropy of a linear head on the codes; trains on the probes' training problems only",
        DefaultText = "none, unsupervised; the seed suggests 0.1")]
    public double Weight { get; init; } = 0.1;

    /// <summary>String metadata column holding each problem's class (<c>--label-key</c>).</summary>
    public string LabelKey { get; init; } = MetadataKeys.DefaultLabel;

    /// <summary>Fraction of problems held out, as the probes hold them out (<c>--test-size</c>); in (0, 1).</summary>
    public double TestSize { get; init; } = new ProblemSplitConfig().TestSize;

    /// <summary>Seed of the probes' stratified split (<c>--split-seed</c>); ≥ 0.</summary>
    public int SplitSeed { get; init; } = new ProblemSplitConfig().SplitSeed;

    /// <summary>The split settings this reproduces (and so must match the probes').</summary>
    [JsonIgnore]
    public ProblemSplitConfig SplitSettings => new() { LabelKey = LabelKey, TestSize = TestSize, SplitSeed = SplitSeed };

    /// <summary>These settings with the split <paramref name="split"/> makes: the probes' split, so that their test problems stay unseen.</summary>
    public SupervisedConfig SplitAs(ProblemSplitConfig split) =>
        this with { LabelKey = split.LabelKey, TestSize = split.TestSize, SplitSeed = split.SplitSeed };

    /// <summary>Throws a <see cref="SettingException"/> naming the first invalid option and its allowed values.</summary>
    public void Validate()
    {
        Require(double.IsFinite(Weight) && Weight >= 0, $"{Named(nameof(Weight))} must be a finite number ≥ 0, got {Weight}");
        SplitSettings.Validate();
    }
}
