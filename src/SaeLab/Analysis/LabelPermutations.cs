using SaeLab.Data;

namespace SaeLab.Analysis;

/// <summary>
/// Accumulates the label means of every feature under each of <see cref="AnalysisOptions.Permutations"/> shuffled labels
/// in the analysis's one pass (touching only the non-zero codes), then counts the label-selective features per shuffle
/// (<see cref="LabelPermutationNull"/>).
/// </summary>
internal sealed class LabelPermutations
{
    private readonly GroupMeans[] _shuffled;
    private readonly string _unit;
    private readonly int _dSae;
    private readonly List<int> _active = [];

    private LabelPermutations(GroupMeans[] shuffled, string unit, int dSae)
    {
        _shuffled = shuffled;
        _unit = unit;
        _dSae = dSae;
    }

    /// <summary>The shuffles of <paramref name="label"/> over <paramref name="data"/>; null when none are asked for.</summary>
    public static LabelPermutations? Create(ActivationSet data, Grouping label, int dSae, AnalysisOptions options)
    {
        if (options.Permutations == 0)
        {
            return null;
        }

        (int[] unitOf, int[] unitLabel, string unit) = Units(data, label);
        var random = new Random(options.PermutationSeed);
        var shuffled = new GroupMeans[options.Permutations];
        for (int p = 0; p < shuffled.Length; p++)
        {
            int[] permutedLabel = unitLabel.ToArray();
            random.Shuffle(permutedLabel);
            shuffled[p] = new GroupMeans(label.Reassigned(unitOf.Select(u => permutedLabel[u]).ToArray()), dSae);
        }

        return new LabelPermutations(shuffled, unit, dSae);
    }

    /// <summary>Adds the codes [rows, DSae] of vectors firstRow … firstRow + rows − 1 to every shuffle.</summary>
    public void Add(int firstRow, int rows, ReadOnlySpan<float> codes)
    {
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> z = codes.Slice(i * _dSae, _dSae);
            _active.Clear();
            for (int f = 0; f < _dSae; f++)
            {
                if (z[f] != 0)
                {
                    _active.Add(f);
                }
            }

            foreach (GroupMeans shuffle in _shuffled)
            {
                shuffle.AddActive(firstRow + i, z, _active);
            }
        }
    }

    /// <summary>The null distribution of the label-selective count against the <paramref name="observed"/> one.</summary>
    public LabelPermutationNull Result(int observed, IReadOnlyList<int> usage, AnalysisOptions options)
    {
        int[] counts = _shuffled.Select(shuffle => Enumerable.Range(0, _dSae).Count(f =>
            usage[f] >= options.MinUsage && FeaturePreference.SelectivityOf(shuffle.Means(f)) >= options.MinSelectivity)).Order().ToArray();
        int atLeast = counts.Count(c => c >= observed);
        int percentile95 = counts[(int)Math.Ceiling(0.95 * counts.Length) - 1];
        return new LabelPermutationNull(counts.Length, _unit, counts.Average(), percentile95, (1.0 + atLeast) / (1.0 + counts.Length));
    }

    /// <summary>Per vector its unit, per unit its label group: problems when each carries one label, else single vectors.</summary>
    private static (int[] UnitOf, int[] UnitLabel, string Unit) Units(ActivationSet data, Grouping label)
    {
        if (data.HasColumn(MetadataKeys.Problems))
        {
            Grouping problems = Grouping.FromColumn(data.Column(MetadataKeys.Problems));
            int[] unitLabel = Enumerable.Repeat(-1, problems.Keys.Length).ToArray();
            bool oneLabelEach = true;
            for (int row = 0; row < data.Count && oneLabelEach; row++)
            {
                ref int unit = ref unitLabel[problems.GroupOf[row]];
                oneLabelEach = unit < 0 || unit == label.GroupOf[row];
                unit = label.GroupOf[row];
            }

            if (oneLabelEach)
            {
                return (problems.GroupOf, unitLabel, MetadataKeys.Problems);
            }
        }

        return (Enumerable.Range(0, data.Count).ToArray(), label.GroupOf.ToArray(), "vectors");
    }
}
