using SaeLab.Settings;
using static SaeLab.Settings.SettingException;

namespace SaeLab.Probing.CrossValidation;

/// <summary>Repeated stratified k-fold cross-validation of a probe (<c>saelab probe --cv</c>).</summary>
public sealed record CrossValidationConfig
{
    /// <summary>Folds k, ≥ 2; every class needs at least k problems (<c>--cv</c>).</summary>
    [Setting("--cv", "Cross-validate instead of one split (any --cv option turns it on): repeated stratified k-fold with this many folds")]
    public int Folds { get; init; } = 5;

    /// <summary>Repeats, each with a fresh shuffle of the folds, ≥ 1 (<c>--cv-repeats</c>).</summary>
    [Setting("--cv-repeats", "Repeats of the cross-validation, each with a fresh shuffle")]
    public int Repeats { get; init; } = 3;

    /// <summary>Seed of the fold shuffles (scikit-learn's <c>random_state</c>), ≥ 0 (<c>--cv-seed</c>).</summary>
    [Setting("--cv-seed", "Seed of the fold shuffles")]
    public int Seed { get; init; } = 42;

    /// <summary>Throws a <see cref="SettingException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Require(Folds >= 2, $"{Named(nameof(Folds))} must be at least 2 (got {Folds})");
        Require(Repeats >= 1, $"{Named(nameof(Repeats))} must be at least 1 (got {Repeats})");
        Require(Seed >= 0, $"{Named<CrossValidationConfig>(nameof(Seed))} must be >= 0 (got {Seed})");
    }
}
