using System.Diagnostics;
using SaeLab.Analysis;
using SaeLab.Dashboard;
using SaeLab.Data;
using SaeLab.Sae;
using SaeLab.Synthetic;

namespace SaeLab.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/SaeLab.Benchmarks -- dashboard OUT [FEATURES]</c>: the time to generate
/// the feature dashboard of the seed pilot's shape (8192 features over 600 problems × 3 layers × 6 tokens × 2048
/// dims = 10,800 vectors). The SAE has random weights with an encoder bias of −2σ, so every feature is live and
/// fires on about 2% of the vectors: the most cards and neighbours a dashboard of that shape can have (a trained
/// SAE leaves most features dead). The index open time is then measured with tests/browser/dashboard-check.mjs.
/// </summary>
internal static class DashboardTable
{
    private const double BiasInSigmas = 2;

    public static void Print(string output, int features)
    {
        var clock = Stopwatch.StartNew();
        ActivationSet data = SyntheticActivationGenerator.Generate(new SyntheticConfig { Problems = 600, Dim = 2048 }).Set;
        Console.WriteLine($"data: {data.Count} vectors × {data.Dim} dims, generated in {clock.Elapsed.TotalSeconds:0.0} s");
        ReluSae sae = RandomSae(data, features, seed: 0);
        DashboardOptions options = DashboardOptions.Default;
        clock.Restart();
        FeatureAnalysis plain = FeatureAnalyzer.Analyze(sae, data, options.Analysis);
        double analyzeSeconds = clock.Elapsed.TotalSeconds;
        // What FeatureDashboard.Generate does, in its two steps.
        clock.Restart();
        FeatureAnalysis analysis = FeatureAnalyzer.Analyze(sae, data, options.AnalysisWithExamples);
        double detailSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        DashboardSite.Write(output, analysis, data, null, options, $"random {features}-feature SAE");
        double writeSeconds = clock.Elapsed.TotalSeconds;
        long bytes = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"saelab analyze's pass: {analyzeSeconds:0.0} s ({plain.UsedFeatures} live of {plain.DSae}, mean density {plain.Features.Average(f => f.Density):P1})");
        Console.WriteLine($"dashboard: analysis with examples, histograms, bands and neighbours {detailSeconds:0.0} s + site {writeSeconds:0.0} s = {detailSeconds + writeSeconds:0.0} s; {bytes / 1e6:0.0} MB in {output}");
    }

    /// <summary>A ReLU SAE with Gaussian unit-norm rows, b_dec the data mean and b_enc = −2σ (σ the data's per-dimension spread).</summary>
    private static ReluSae RandomSae(ActivationSet data, int features, int seed)
    {
        var sae = new ReluSae(data.Dim, features) { ApplyBDecToInput = true };
        var random = new Random(seed);
        double[] mean = new double[data.Dim];
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> row = data.Row(i);
            for (int j = 0; j < data.Dim; j++)
            {
                mean[j] += row[j] / (double)data.Count;
            }
        }

        double variance = 0;
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> row = data.Row(i);
            for (int j = 0; j < data.Dim; j++)
            {
                variance += (row[j] - mean[j]) * (row[j] - mean[j]) / ((double)data.Count * data.Dim);
            }
        }

        for (int j = 0; j < data.Dim; j++)
        {
            sae.BDec[j] = (float)mean[j];
        }

        // W_enc columns ~ N(0, 1/d) give pre-activations of spread σ; W_dec rows are the same directions.
        double scale = 1 / Math.Sqrt(data.Dim);
        for (int j = 0; j < data.Dim; j++)
        {
            for (int f = 0; f < features; f++)
            {
                float w = (float)(Gaussian(random) * scale);
                sae.WEnc[(j * features) + f] = w;
                sae.WDec[(f * data.Dim) + j] = w;
            }
        }

        Array.Fill(sae.BEnc, (float)(-BiasInSigmas * Math.Sqrt(variance)));
        return sae;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
