using SaeLab.Data;
using SaeLab.Probing;
using SaeLab.Probing.Aggregation;
using SaeLab.Probing.Hybrid;
using SaeLab.Sae;

namespace SaeLab.Tests.Probing;

public sealed class HybridProberTests
{
    private const int Dim = 8, Features = 16, PlantedFeature = 5;

    [Fact]
    public void Run_FindsThePlantedDirection_AndComparesWithEveryBaseline()
    {
        (ActivationSet set, ReluSae sae) = Planted();
        var config = new ProbeConfig { Aggregation = AggregationSpec.Parse("token:0@layer:8") };

        HybridProbeResult result = HybridProber.Run(set, sae, config, k: 1);

        Assert.Equal(PlantedFeature, result.SaeFeatures[0]);
        Assert.True(result.SaeDirections.Metrics.Accuracy >= 0.9, $"hybrid accuracy {result.SaeDirections.Metrics.Accuracy}");
        Assert.Equal(1, result.SaeDirections.NFeatures);
        Assert.Equal(Dim, result.RawAll.NFeatures);
        Assert.Equal(4, result.Comparisons.Count);
        Assert.All(result.Comparisons, c => Assert.Equal(result.SaeDirections.TestSize, c.Items));
        Assert.Single(result.PcaExplainedVariance);
    }

    [Fact]
    public void ProjectOntoDirections_IsTheDotProductWithTheUnitDecoderRow()
    {
        (ActivationSet set, ReluSae sae) = Planted();
        ProblemFeatures raw = Aggregator.Aggregate(set, AggregationSpec.Parse("token:0@layer:8"), MetadataKeys.DefaultLabel);

        float[] projected = HybridProber.ProjectOntoDirections(raw, sae, [PlantedFeature, 2]);

        double norm2 = Math.Sqrt(Enumerable.Range(0, Dim).Sum(i => (double)sae.WDec[2 * Dim + i] * sae.WDec[2 * Dim + i]));
        double expected = Enumerable.Range(0, Dim).Sum(i => (double)raw.Values[3 * Dim + i] * sae.WDec[2 * Dim + i]) / norm2;
        Assert.Equal(expected, projected[3 * 2 + 1], 1e-4);
    }

    [Fact]
    public void Run_KOutOfRange_NamesTheOption()
    {
        (ActivationSet set, ReluSae sae) = Planted();

        var error = Assert.Throws<SaeLabException>(() => HybridProber.Run(set, sae, new ProbeConfig { Aggregation = AggregationSpec.Mean }, k: 9));

        Assert.Contains("--hybrid", error.Message);
    }

    /// <summary>90 problems, one vector each; class c sits at 2c along unit u plus noise; the SAE's feature 5 is u (tied encoder).</summary>
    private static (ActivationSet Set, ReluSae Sae) Planted()
    {
        var random = new Random(3);
        var sae = new ReluSae(Dim, Features);
        for (int f = 0; f < Features; f++)
        {
            for (int i = 0; i < Dim; i++)
            {
                sae.WDec[f * Dim + i] = (float)(random.NextDouble() * 2 - 1);
            }
        }

        float[] u = sae.WDec.AsSpan(PlantedFeature * Dim, Dim).ToArray();
        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(u);
        System.Numerics.Tensors.TensorPrimitives.Divide(u, norm, u);
        for (int f = 0; f < Features; f++)
        {
            for (int i = 0; i < Dim; i++)
            {
                sae.WEnc[i * Features + f] = sae.WDec[f * Dim + i];
            }
        }

        const int n = 90;
        float[] values = new float[n * Dim];
        for (int p = 0; p < n; p++)
        {
            for (int i = 0; i < Dim; i++)
            {
                values[p * Dim + i] = (float)(0.4 * (random.NextDouble() * 2 - 1) + 2 * (p % 3) * u[i]);
            }
        }

        var set = new ActivationSet(values, n, Dim,
        [
            new IntColumn(MetadataKeys.Problems, Enumerable.Range(0, n).Select(p => (long)p).ToArray()),
            new IntColumn(MetadataKeys.Layers, Enumerable.Repeat(8L, n).ToArray()),
            new IntColumn(MetadataKeys.Tokens, new long[n]),
            new StringColumn(MetadataKeys.DefaultLabel, Enumerable.Range(0, n).Select(p => $"class{p % 3}").ToArray()),
        ], "planted hybrid set");
        return (set, sae);
    }
}
