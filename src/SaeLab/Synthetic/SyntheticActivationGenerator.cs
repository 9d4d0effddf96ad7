using System.Numerics.Tensors;
using SaeLab.Data;

namespace SaeLab.Synthetic;

/// <summary>
/// Generates a seed-shaped activation set whose ground truth is known: every vector is a sparse, non-negative
/// combination of unit directions in superposition (more directions than dimensions), plus a large shared mean
/// offset with a few massive dimensions, anisotropic per-dimension scales and isotropic noise — the character of
/// real residual streams (norm ≈ 97, most of it the mean). Which directions fire depends on the problem's class
/// (class features, strongest at the middle layer and token 1, as the seed found), on the layer and token
/// (position features), on the problem itself (content shared by its vectors) and on chance (generic features).
/// </summary>
public static class SyntheticActivationGenerator
{
    private const int MassiveDimensions = 2;

    public static SyntheticDataset Generate(SyntheticConfig config)
    {
        config.Validate();
        var random = new Random(config.Seed);
        float[] directions = MakeDirections(config, random);
        FeatureRoles roles = FeatureRoles.Assign(config, random);
        int[] classOf = AssignClasses(config, random);
        float[] signal = MakeSignal(config, roles, classOf, directions, random);
        float[] values = AddMeanAndNoise(config, signal, random);
        return new SyntheticDataset(BuildSet(config, values, classOf), directions, config.TrueFeatures, config);
    }

    /// <summary>Unit directions [F, d], drawn from an anisotropic Gaussian (per-dimension log-normal scales).</summary>
    private static float[] MakeDirections(SyntheticConfig config, Random random)
    {
        int d = config.Dim;
        double[] scales = Enumerable.Range(0, d).Select(_ => Math.Exp(0.5 * Gaussian(random))).ToArray();
        var directions = new float[config.TrueFeatures * d];
        for (int f = 0; f < config.TrueFeatures; f++)
        {
            Span<float> row = directions.AsSpan(f * d, d);
            for (int j = 0; j < d; j++)
            {
                row[j] = (float)(scales[j] * Gaussian(random));
            }

            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return directions;
    }

    /// <summary>Balanced classes in a seeded random order.</summary>
    private static int[] AssignClasses(SyntheticConfig config, Random random)
    {
        int[] classOf = Enumerable.Range(0, config.Problems).Select(p => p % config.Classes.Count).ToArray();
        random.Shuffle(classOf);
        return classOf;
    }

    /// <summary>The feature part of every vector, [N, d], scaled so its root-mean-square norm is SignalNorm.</summary>
    private static float[] MakeSignal(SyntheticConfig config, FeatureRoles roles, int[] classOf, float[] directions, Random random)
    {
        int d = config.Dim, layers = config.Layers.Count;
        var signal = new float[config.VectorCount * d];
        double offset = roles.CalibrateOffset(config);
        var logOdds = new double[config.TrueFeatures];
        for (int p = 0; p < config.Problems; p++)
        {
            double clarity = 0.3 + 0.7 * random.NextDouble();
            HashSet<int> content = roles.DrawContentFeatures(random);
            for (int l = 0; l < layers; l++)
            {
                for (int t = 0; t < config.Tokens; t++)
                {
                    roles.LogOdds(classOf[p], l, t, clarity, offset, content, logOdds);
                    int row = (p * layers + l) * config.Tokens + t;
                    Span<float> x = signal.AsSpan(row * d, d);
                    float depth = 1f + 0.3f * l;
                    for (int f = 0; f < config.TrueFeatures; f++)
                    {
                        if (random.NextDouble() < Sigmoid(logOdds[f]))
                        {
                            float magnitude = (float)(roles.Scale[f] * Math.Exp(0.4 * Gaussian(random))) * depth;
                            TensorPrimitives.MultiplyAdd(directions.AsSpan(f * d, d), magnitude, x, x);
                        }
                    }
                }
            }
        }

        double rms = Math.Sqrt(TensorPrimitives.SumOfSquares(signal) / config.VectorCount);
        TensorPrimitives.Multiply(signal, (float)(config.SignalNorm / Math.Max(rms, 1e-12)), signal);
        return signal;
    }

    /// <summary>Adds a per-layer mean offset (a few massive dimensions) and isotropic Gaussian noise.</summary>
    private static float[] AddMeanAndNoise(SyntheticConfig config, float[] signal, Random random)
    {
        int d = config.Dim, layers = config.Layers.Count;
        float[] shared = RandomVector(d, random);
        for (int j = 0; j < Math.Min(MassiveDimensions, d); j++)
        {
            shared[j] = (j % 2 == 0 ? 8f : -5f) * TensorPrimitives.Norm(shared) / MathF.Sqrt(d);
        }

        TensorPrimitives.Multiply(shared, (float)(config.MeanNorm / TensorPrimitives.Norm(shared)), shared);
        float[][] means = Enumerable.Range(0, layers).Select(_ =>
        {
            float[] layerShift = RandomVector(d, random);
            TensorPrimitives.Multiply(layerShift, (float)(0.05 * config.MeanNorm / TensorPrimitives.Norm(layerShift)), layerShift);
            TensorPrimitives.Add(layerShift, shared, layerShift);
            return layerShift;
        }).ToArray();
        float noiseStd = (float)(config.RelativeNoise * config.SignalNorm / Math.Sqrt(d));
        for (int row = 0; row < config.VectorCount; row++)
        {
            Span<float> x = signal.AsSpan(row * d, d);
            TensorPrimitives.Add(x, means[row / config.Tokens % layers], x);
            for (int j = 0; j < d; j++)
            {
                x[j] += noiseStd * (float)Gaussian(random);
            }
        }

        return signal;
    }

    private static ActivationSet BuildSet(SyntheticConfig config, float[] values, int[] classOf)
    {
        int n = config.VectorCount, layers = config.Layers.Count;
        var problems = new long[n];
        var layerColumn = new long[n];
        var tokens = new long[n];
        var labels = new string[n];
        for (int row = 0; row < n; row++)
        {
            int problem = row / (layers * config.Tokens);
            problems[row] = problem;
            layerColumn[row] = config.Layers[row / config.Tokens % layers];
            tokens[row] = row % config.Tokens;
            labels[row] = config.Classes[classOf[problem]];
        }

        MetadataColumn[] columns =
        [
            new IntColumn(MetadataKeys.Problems, problems),
            new IntColumn(MetadataKeys.Layers, layerColumn),
            new IntColumn(MetadataKeys.Tokens, tokens),
            new StringColumn(MetadataKeys.DefaultLabel, labels),
        ];
        return new ActivationSet(values, n, config.Dim, columns, $"synthetic(seed {config.Seed}, {config.Problems} problems, d {config.Dim})");
    }

    /// <summary>A vector of <paramref name="d"/> standard normal draws.</summary>
    internal static float[] RandomVector(int d, Random random) =>
        Enumerable.Range(0, d).Select(_ => (float)Gaussian(random)).ToArray();

    internal static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>A standard normal draw (Box–Muller), from the seeded generator only.</summary>
    internal static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
