using SaeLab.Data;
using SaeLab.Probing.Aggregation;

namespace SaeLab.Probing.Grid;

/// <summary>
/// Test accuracy of a raw-activation probe at every token position and layer (<c>token:T@layer:L</c>): the seed's
/// heatmap of where the operation type is linearly readable.
/// </summary>
/// <param name="LabelKey">The label column probed.</param>
/// <param name="Tokens">Token positions present, ascending (the table's columns).</param>
/// <param name="Layers">Layers present, ascending (the table's rows).</param>
/// <param name="Cells">One probe per (layer, token), layer-major.</param>
public sealed record AccuracyGrid(string LabelKey, long[] Tokens, long[] Layers, GridCell[] Cells)
{
    /// <summary>Probes every token × layer of <paramref name="set"/>; <paramref name="config"/> gives everything but the aggregation.</summary>
    public static AccuracyGrid Run(ActivationSet set, ProbeConfig config)
    {
        long[] tokens = set.Ints(MetadataKeys.Tokens).Distinct().Order().ToArray();
        long[] layers = set.Ints(MetadataKeys.Layers).Distinct().Order().ToArray();
        var cells = new List<GridCell>();
        ProbeResult? any = null;
        foreach (long layer in layers)
        {
            foreach (long token in tokens)
            {
                ProbeResult result = Prober.Run(set, config with { Aggregation = AggregationSpec.At(token, layer) });
                cells.Add(new GridCell(token, layer, result.Metrics.Accuracy, result.Metrics.AccuracyCi95, result.Metrics.MacroF1, result.Iterations, result.Converged));
                any = result;
            }
        }

        return new AccuracyGrid(config.LabelKey, tokens, layers, [.. cells])
        {
            MajorityAccuracy = any?.MajorityAccuracy ?? 0,
            ChanceAccuracy = any?.ChanceAccuracy ?? 0,
        };
    }

    /// <summary>
    /// The test accuracy of always predicting the training set's most common class; every cell shares the problem
    /// split, so this is one number for the grid (<see cref="ProbeResult.MajorityAccuracy"/>).
    /// </summary>
    public double MajorityAccuracy { get; init; }

    /// <summary>1 / the number of classes (<see cref="ProbeResult.ChanceAccuracy"/>).</summary>
    public double ChanceAccuracy { get; init; }

    /// <summary>The cell with the highest accuracy (the first such, layer-major).</summary>
    public GridCell Best => Cells.MaxBy(c => c.Accuracy)!;

    /// <summary>Accuracy [layer, token], for the heatmap.</summary>
    public double[,] AccuracyMatrix()
    {
        double[,] matrix = new double[Layers.Length, Tokens.Length];
        foreach (GridCell cell in Cells)
        {
            matrix[Array.IndexOf(Layers, cell.Layer), Array.IndexOf(Tokens, cell.Token)] = cell.Accuracy;
        }

        return matrix;
    }
}
