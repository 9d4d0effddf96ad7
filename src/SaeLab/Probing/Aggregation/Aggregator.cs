using SaeLab.Data;
using SaeLab.Sae;

namespace SaeLab.Probing.Aggregation;

/// <summary>
/// Turns an <see cref="ActivationSet"/> (problems × layers × tokens vectors) into one sample per problem, from the
/// raw activations or from an SAE's codes (encoded in batches so memory stays bounded). Means are summed in
/// float32 in file order and then divided, as numpy's <c>F[P == p].mean(0)</c> does in the seed's pipeline.
/// </summary>
public static class Aggregator
{
    /// <summary>Rows encoded per SAE call.</summary>
    public const int DefaultEncodeBatchRows = 1024;

    private delegate void VectorAction(int row, ReadOnlySpan<float> vector);

    /// <summary>Aggregates <paramref name="set"/> by <paramref name="spec"/>, labelling each problem from <paramref name="labelKey"/>.</summary>
    public static ProblemFeatures Aggregate(
        ActivationSet set, AggregationSpec spec, string labelKey, ISparseAutoencoder? sae = null, int encodeBatchRows = DefaultEncodeBatchRows)
    {
        long[] problems = set.Ints(MetadataKeys.Problems);
        var (ids, labels) = ProblemLabels.Of(set, labelKey);
        var sampleOf = ids.Select((id, s) => (id, s)).ToDictionary(p => p.id, p => p.s);
        SlotLayout layout = SlotLayout.For(set, spec);
        if (sae is not null && sae.DIn != set.Dim)
        {
            throw SaeLabException.ForFile(set.Source, $"activations have dimension {set.Dim} but the SAE expects {sae.DIn}", "use the SAE trained on these activations");
        }

        int width = sae?.DSae ?? set.Dim;
        int slots = layout.Names.Length;
        float[] values = new float[(long)ids.Length * slots * width];
        int[] counts = new int[ids.Length * slots];
        int[] rows = Enumerable.Range(0, set.Count).Where(i => layout.SlotOfRow[i] >= 0).ToArray();
        ForEachVector(set, sae, rows, encodeBatchRows, (row, vector) =>
        {
            int cell = sampleOf[problems[row]] * slots + layout.SlotOfRow[row];
            Accumulate(spec.Kind, vector, values.AsSpan(cell * width, width), counts[cell]++);
        });
        CheckCounts(set, spec, layout, ids, counts);
        if (spec.Kind is AggregationKind.Mean or AggregationKind.LayerMean)
        {
            for (int cell = 0; cell < counts.Length; cell++)
            {
                System.Numerics.Tensors.TensorPrimitives.Divide(values.AsSpan(cell * width, width), counts[cell], values.AsSpan(cell * width, width));
            }
        }

        return new ProblemFeatures(values, ids.Length, slots * width, ids, labels);
    }

    private static void Accumulate(AggregationKind kind, ReadOnlySpan<float> vector, Span<float> target, int seen)
    {
        if (seen == 0)
        {
            vector.CopyTo(target);
        }
        else if (kind is AggregationKind.Mean or AggregationKind.LayerMean)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(target, vector, target);
        }
        else if (kind == AggregationKind.Max)
        {
            System.Numerics.Tensors.TensorPrimitives.Max(target, vector, target);
        }
    }

    /// <summary>Calls <paramref name="action"/> with each listed row's raw vector, or its SAE code, in row order.</summary>
    private static void ForEachVector(ActivationSet set, ISparseAutoencoder? sae, int[] rows, int batchRows, VectorAction action)
    {
        if (sae is null)
        {
            foreach (int row in rows)
            {
                action(row, set.Row(row));
            }

            return;
        }

        batchRows = Math.Max(1, batchRows);
        float[] inputs = new float[(long)Math.Min(batchRows, rows.Length) * set.Dim];
        float[] codes = new float[(long)Math.Min(batchRows, rows.Length) * sae.DSae];
        for (int start = 0; start < rows.Length; start += batchRows)
        {
            int count = Math.Min(batchRows, rows.Length - start);
            for (int b = 0; b < count; b++)
            {
                set.Row(rows[start + b]).CopyTo(inputs.AsSpan(b * set.Dim));
            }

            sae.Encode(inputs.AsSpan(0, count * set.Dim), count, codes.AsSpan(0, count * sae.DSae));
            for (int b = 0; b < count; b++)
            {
                action(rows[start + b], codes.AsSpan(b * sae.DSae, sae.DSae));
            }
        }
    }

    private static void CheckCounts(ActivationSet set, AggregationSpec spec, SlotLayout layout, long[] ids, int[] counts)
    {
        int slots = layout.Names.Length;
        bool single = spec.Kind is AggregationKind.Token or AggregationKind.Concat;
        for (int cell = 0; cell < counts.Length; cell++)
        {
            if (counts[cell] == 0 || (single && counts[cell] > 1))
            {
                throw SaeLabException.ForFile(
                    set.Source,
                    $"aggregation '{spec}': problem {ids[cell / slots]} has {counts[cell]} vectors for {layout.Names[cell % slots]}, expected {(single ? "exactly one" : "at least one")}",
                    "every problem needs the same tokens and layers; try 'mean' or a token and layer every problem has");
            }
        }
    }
}
