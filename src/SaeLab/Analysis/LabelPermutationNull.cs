namespace SaeLab.Analysis;

/// <summary>
/// How many label-selective features chance alone gives: the label shuffled across units (problems, when every problem
/// carries one label, so vectors of one problem keep theirs together; vectors otherwise), the count redone per shuffle.
/// A large dictionary on a few hundred problems has label-selective features by chance; the count means something only
/// above this null.
/// </summary>
/// <param name="Permutations">Shuffles of the label.</param>
/// <param name="Unit">What was shuffled: "problems" or "vectors".</param>
/// <param name="MeanCount">Mean label-selective count over the shuffles.</param>
/// <param name="Percentile95">95th percentile of those counts.</param>
/// <param name="PValue">(1 + shuffles with a count ≥ the observed one) ÷ (1 + shuffles): the permutation p-value.</param>
public sealed record LabelPermutationNull(int Permutations, string Unit, double MeanCount, int Percentile95, double PValue);
