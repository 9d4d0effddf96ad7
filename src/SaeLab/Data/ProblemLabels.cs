namespace SaeLab.Data;

/// <summary>The problems of an <see cref="ActivationSet"/> in ascending id order, each with its one label.</summary>
/// <param name="Problems">Distinct problem ids, ascending.</param>
/// <param name="Labels">Label of each of <see cref="Problems"/>.</param>
public sealed record ProblemLabels(long[] Problems, string[] Labels)
{
    /// <summary>Labels each problem of <paramref name="set"/> from <paramref name="labelKey"/>; a problem whose vectors disagree is an error.</summary>
    public static ProblemLabels Of(ActivationSet set, string labelKey)
    {
        long[] problems = set.Ints(MetadataKeys.Problems);
        long[] ids = problems.Distinct().Order().ToArray();
        var sampleOf = ids.Select((id, s) => (id, s)).ToDictionary(p => p.id, p => p.s);
        string[] rowLabels = set.Strings(labelKey);
        string?[] labels = new string?[ids.Length];
        for (int i = 0; i < problems.Length; i++)
        {
            ref string? label = ref labels[sampleOf[problems[i]]];
            if (label is null)
            {
                label = rowLabels[i];
            }
            else if (label != rowLabels[i])
            {
                throw SaeLabException.ForFile(
                    set.Source,
                    $"problem {problems[i]} has two labels in column '{labelKey}': '{label}' and '{rowLabels[i]}'",
                    "a probe needs one label per problem; pick a per-problem column with --label-key");
            }
        }

        return new ProblemLabels(ids, labels.Select(l => l!).ToArray());
    }
}
