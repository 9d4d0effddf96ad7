using SaeLab.Settings;

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

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (Folds < 2)
        {
            throw new SaeLabException($"--cv must be at least 2 folds (got {Folds})");
        }

        if (Repeats < 1)
        {
            throw new SaeLabException($"--cv-repeats must be at least 1 (got {Repeats})");
        }

        if (Seed < 0)
        {
            throw new SaeLabException($"--cv-seed must be >= 0 (got {Seed})");
        }
    }
}
