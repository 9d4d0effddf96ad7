using SaeLab.Data;
using SaeLab.Evaluation;
using SaeLab.Sae;

namespace SaeLab.Analysis;

/// <summary>
/// Profiles every feature of an SAE against the data's metadata: usage, maximum, mean code per label, layer
/// and token, selectivity and preferred value on each, which features are label-selective and at which
/// (layer, token) those prefer to fire, and (with <see cref="AnalysisOptions.Examples"/>) each feature's top
/// vectors, activation histogram, quantile bands and decoder neighbours. One streaming pass over the data in row batches.
/// </summary>
public static class FeatureAnalyzer
{
    private const string AllKey = "all";

    /// <summary>Analyses <paramref name="sae"/>'s features on <paramref name="data"/>.</summary>
    public static FeatureAnalysis Analyze(ISparseAutoencoder sae, ActivationSet data, AnalysisOptions? options = null)
    {
        options ??= AnalysisOptions.Default;
        options.Validate();
        CodeBatches.RequireCompatible(sae, data);
        var notes = new List<string>();
        var label = new GroupMeans(Grouping.FromColumn(data.Column(options.LabelKey)), sae.DSae);
        GroupMeans? layer = Dimension(data, MetadataKeys.Layers, sae.DSae, notes);
        GroupMeans? token = Dimension(data, MetadataKeys.Tokens, sae.DSae, notes);
        Grouping layerAxis = PositionAxis(data, MetadataKeys.Layers), tokenAxis = PositionAxis(data, MetadataKeys.Tokens);
        var position = new GroupMeans(Grouping.Cross(layerAxis, tokenAxis), sae.DSae);
        GroupMeans[] accumulators = new[] { label, layer, token, position }.OfType<GroupMeans>().ToArray();
        LabelPermutations? shuffles = LabelPermutations.Create(data, label.Grouping, sae.DSae, options);
        var codes = new CodeStatistics(sae.DSae, options.ActiveThreshold);
        var activations = new ActivationCollector(sae.DSae, options.ActiveThreshold, options.Examples);
        CodeBatches.ForEach(sae, data, options.BatchSize, (first, rows, _, z) =>
        {
            codes.Add(z, rows);
            activations.Add(first, rows, z);
            shuffles?.Add(first, rows, z);
            foreach (GroupMeans accumulator in accumulators)
            {
                accumulator.Add(first, rows, z);
            }
        });

        FeatureStatistics statistics = codes.ToFeatureStatistics();
        FeatureProfile[] profiles = Enumerable.Range(0, sae.DSae)
            .Select(f =>
            {
                FeaturePreference labelPreference = Preference(label, f);
                bool labelSelective = statistics.Usage[f] >= options.MinUsage && labelPreference.Selectivity >= options.MinSelectivity;
                return new FeatureProfile(
                    f, statistics.Usage[f], (double)statistics.Usage[f] / data.Count, statistics.MaxActivation[f], activations.MeanActivation(f), labelSelective,
                    labelPreference, layer is null ? null : Preference(layer, f), token is null ? null : Preference(token, f));
            })
            .ToArray();
        if (options.Examples > 0)
        {
            profiles = WithDetails(sae, profiles, activations);
        }

        FeatureProfile[] selective = profiles.Where(p => p.LabelSelective).ToArray();
        return new FeatureAnalysis
        {
            Data = data.Source,
            Vectors = data.Count,
            DSae = sae.DSae,
            Options = options,
            UsedFeatures = profiles.Count(p => p.Usage > 0),
            LabelSelectiveFeatures = selective.Length,
            LabelSelectiveNull = shuffles?.Result(selective.Length, statistics.Usage, options),
            Dimensions = Summaries(label, layer, token, selective),
            Position = Enrichment(position, layerAxis.Keys, tokenAxis.Keys, selective, notes),
            Notes = notes,
            TopFeatures = profiles
                .Where(p => p.Usage > 0)
                .OrderByDescending(p => p.Label.Selectivity).ThenByDescending(p => p.Usage).ThenBy(p => p.Id)
                .Take(options.Top)
                .ToArray(),
            Features = profiles,
        };
    }

    /// <summary>The profiles with each used feature's <see cref="FeatureProfile.Detail"/>; its decoder neighbours are among the used features.</summary>
    private static FeatureProfile[] WithDetails(ISparseAutoencoder sae, FeatureProfile[] profiles, ActivationCollector activations)
    {
        int[] used = profiles.Where(p => p.Usage > 0).Select(p => p.Id).ToArray();
        FeatureNeighbour[][] neighbours = DecoderNeighbours.Find(sae, used, FeatureDetail.NeighbourCount);
        var details = profiles.ToArray();
        for (int i = 0; i < used.Length; i++)
        {
            FeatureExample[] sample = activations.SampleAscending(used[i]);
            var activationsOnly = sample.Select(e => e.Activation).ToArray();
            details[used[i]] = profiles[used[i]] with
            {
                Detail = new FeatureDetail(activations.Top(used[i]), sample.Length, ActivationHistogram.Of(activationsOnly), QuantileBand.Of(sample), neighbours[i]),
            };
        }

        return details;
    }

    /// <summary>Means by <paramref name="column"/>, or null (with a note) when the data lacks it or holds one value only.</summary>
    private static GroupMeans? Dimension(ActivationSet data, string column, int dSae, List<string> notes)
    {
        if (!data.HasColumn(column))
        {
            notes.Add($"no '{column}' column: analysis by {column} skipped");
            return null;
        }

        Grouping grouping = Grouping.FromColumn(data.Column(column));
        if (grouping.Keys.Length < 2)
        {
            notes.Add($"'{column}' holds one value ({grouping.Keys[0]}): analysis by {column} skipped");
            return null;
        }

        return new GroupMeans(grouping, dSae);
    }

    /// <summary>One axis of the (layer, token) grid: the column's values, or a single "all" when the data lacks it.</summary>
    private static Grouping PositionAxis(ActivationSet data, string column) =>
        data.HasColumn(column) ? Grouping.FromColumn(data.Column(column)) : Grouping.Constant(column, AllKey, data.Count);

    private static FeaturePreference Preference(GroupMeans means, int feature) =>
        FeaturePreference.From(means.Grouping.Keys, means.Means(feature));

    private static DimensionSummary[] Summaries(GroupMeans label, GroupMeans? layer, GroupMeans? token, FeatureProfile[] selective)
    {
        var summaries = new List<DimensionSummary> { Summary(label.Grouping, selective.Select(p => p.Label.Preferred)) };
        if (layer is not null)
        {
            summaries.Add(Summary(layer.Grouping, selective.Select(p => p.Layer!.Preferred)));
        }

        if (token is not null)
        {
            summaries.Add(Summary(token.Grouping, selective.Select(p => p.Token!.Preferred)));
        }

        return summaries.ToArray();
    }

    private static DimensionSummary Summary(Grouping grouping, IEnumerable<string?> preferred)
    {
        var counts = grouping.Keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        foreach (string? value in preferred)
        {
            if (value is not null)
            {
                counts[value]++;
            }
        }

        return new DimensionSummary(grouping.Name, grouping.Keys, grouping.Counts, counts);
    }

    /// <summary>Counts each selective feature's highest-mean (layer, token) cell; null (with a note) when there are fewer than two cells.</summary>
    private static PositionEnrichment? Enrichment(GroupMeans position, string[] layers, string[] tokens, FeatureProfile[] selective, List<string> notes)
    {
        Grouping cells = position.Grouping;
        int occupied = cells.Counts.Count(c => c > 0);
        if (occupied < 2)
        {
            notes.Add("fewer than two (layer, token) positions: position enrichment skipped");
            return null;
        }

        var counts = new int[cells.Keys.Length];
        foreach (FeatureProfile feature in selective)
        {
            counts[HighestCell(position.Means(feature.Id))]++;
        }

        double expected = (double)selective.Length / occupied;
        double Ratio(int cell) => expected > 0 && cells.Counts[cell] > 0 ? counts[cell] / expected : 0;
        int top = Array.IndexOf(counts, counts.Max());
        return new PositionEnrichment(
            layers,
            tokens,
            Grid(layers.Length, tokens.Length, cell => counts[cell]),
            expected,
            Grid(layers.Length, tokens.Length, Ratio),
            layers[top / tokens.Length],
            tokens[top % tokens.Length],
            counts[top],
            Ratio(top));
    }

    /// <summary>Index of the largest mean, skipping cells with no vectors (NaN); the first on ties.</summary>
    private static int HighestCell(double[] means)
    {
        int best = -1;
        for (int i = 0; i < means.Length; i++)
        {
            if (!double.IsNaN(means[i]) && (best < 0 || means[i] > means[best]))
            {
                best = i;
            }
        }

        return best;
    }

    private static T[][] Grid<T>(int rows, int columns, Func<int, T> cell) =>
        Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, columns).Select(c => cell((r * columns) + c)).ToArray()).ToArray();
}
