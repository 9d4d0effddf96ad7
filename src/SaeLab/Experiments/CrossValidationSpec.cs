using SaeLab.Probing.CrossValidation;

namespace SaeLab.Experiments;

/// <summary>A logistic probe's <c>cross_validation</c>: overrides of <see cref="CrossValidationConfig"/> (documented there).</summary>
public sealed record CrossValidationSpec
{
    public int? Folds { get; init; }

    public int? Repeats { get; init; }

    public int? Seed { get; init; }

    public CrossValidationConfig ToConfig()
    {
        var defaults = new CrossValidationConfig();
        return defaults with
        {
            Folds = Folds ?? defaults.Folds,
            Repeats = Repeats ?? defaults.Repeats,
            Seed = Seed ?? defaults.Seed,
        };
    }

    public void Validate(string path, string owner) =>
        SpecCheck.Named(path, $"{owner}: cross_validation", ToConfig().Validate, "folds ≥ 2, repeats ≥ 1, seed ≥ 0");
}
