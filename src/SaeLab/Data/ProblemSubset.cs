namespace SaeLab.Data;

/// <summary>
/// The vectors of one part of a problem split: those of its training problems (to train an SAE that a probe's test
/// problems stay unseen by) or of its test problems (to measure it on them). <see cref="ProblemSplit.Vectors"/> selects them.
/// </summary>
public sealed record ProblemSubset(ProblemSplitConfig Split, SplitPart Part)
{
    /// <summary>The vectors of <paramref name="set"/> in <see cref="Part"/>.</summary>
    public ActivationSet Of(ActivationSet set) => ProblemSplit.Vectors(set, Split, Part);

    /// <summary>Their rows in <paramref name="set"/> and what they are (<see cref="ProblemSplit.Rows"/>).</summary>
    public (int[] Rows, string Description) RowsOf(ActivationSet set) => ProblemSplit.Rows(set, Split, Part);
}
