using SaeLab.Data;
using SaeLab.Sae;

namespace SaeLab.Evaluation;

/// <summary>
/// Measures how well an SAE reconstructs a data set and how sparse its codes are, streaming the data through
/// the SAE in row batches with reused buffers and accumulating every sum in double. The definitions are the
/// seed's (reference_pipeline.py <c>validate</c>); <see cref="EvaluationMetrics"/> states each formula.
/// </summary>
public static class ReconstructionEvaluator
{
    /// <summary>Evaluates <paramref name="sae"/> on every vector of <paramref name="data"/>.</summary>
    public static EvaluationResult Evaluate(ISparseAutoencoder sae, ActivationSet data, EvaluationOptions? options = null)
    {
        options ??= EvaluationOptions.Default;
        options.Validate();
        var accumulator = new ReconstructionAccumulator(sae, options);
        CodeBatches.ForEach(sae, data, options.BatchSize, accumulator.Add);
        return accumulator.ToResult(data.Source, options.Thresholds);
    }

    /// <summary>The running sums of one evaluation.</summary>
    private sealed class ReconstructionAccumulator(ISparseAutoencoder sae, EvaluationOptions options)
    {
        private readonly float[] _reconstruction = new float[options.BatchSize * sae.DIn];
        private readonly ColumnMoments _inputMoments = new(sae.DIn);
        private readonly ColumnMoments _residualMoments = new(sae.DIn);
        private readonly CodeStatistics _codes = new(sae.DSae, options.ActiveThreshold);
        private double _squaredError;
        private readonly double[] _unitInputSum = new double[sae.DIn];
        private double _cosineSum;
        private int _vectors;

        public void Add(int firstRow, int rows, ReadOnlySpan<float> x, ReadOnlySpan<float> codes)
        {
            int d = sae.DIn;
            Span<float> residual = _reconstruction.AsSpan(0, rows * d);
            sae.Decode(codes, rows, residual);
            for (int i = 0; i < rows; i++)
            {
                ReadOnlySpan<float> input = x.Slice(i * d, d);
                Span<float> row = residual.Slice(i * d, d);
                _cosineSum += Cosine(input, row);
                AddUnit(input);
                for (int j = 0; j < d; j++)
                {
                    row[j] = input[j] - row[j];
                    _squaredError += (double)row[j] * row[j];
                }
            }

            _inputMoments.Add(x, rows);
            _residualMoments.Add(residual, rows);
            _codes.Add(codes, rows);
            _vectors += rows;
        }

        public EvaluationResult ToResult(string source, VerdictThresholds thresholds)
        {
            FeatureStatistics features = _codes.ToFeatureStatistics();
            int dead = features.DeadCount;
            var metrics = new EvaluationMetrics
            {
                Vectors = _vectors,
                DIn = sae.DIn,
                DSae = sae.DSae,
                ActiveThreshold = options.ActiveThreshold,
                Mse = _squaredError / ((double)_vectors * sae.DIn),
                ExplainedVariance = ExplainedVariance(_inputMoments.MeanSampleVariance(), _residualMoments.MeanSampleVariance()),
                CosineSimilarity = _cosineSum / _vectors,
                MeanVectorCosine = MeanVectorCosine(),
                L0Mean = _codes.L0.Mean,
                L0Std = _codes.L0.SampleStandardDeviation,
                L0Fraction = _codes.L0.Mean / sae.DSae,
                L1Mean = _codes.L1Mean,
                DeadFeatures = dead,
                DeadFraction = (double)dead / sae.DSae,
                ActiveFeatures = sae.DSae - dead,
            };
            var verdict = new EvaluationVerdict(thresholds.Reconstruction(metrics.ExplainedVariance), thresholds.Sparsity(metrics.DeadFraction, metrics.L0PerInput), thresholds);
            return new EvaluationResult(source, metrics, verdict, features);
        }

        /// <summary>Adds x ÷ ‖x‖ (nothing for a zero vector) to the sum of unit inputs.</summary>
        private void AddUnit(ReadOnlySpan<float> x)
        {
            double norm = System.Numerics.Tensors.TensorPrimitives.Norm(x);
            if (norm > 0)
            {
                for (int j = 0; j < x.Length; j++)
                {
                    _unitInputSum[j] += x[j] / norm;
                }
            }
        }

        // mean_i cos(x_i, μ) = μ · Σ_i (x_i ÷ ‖x_i‖) ÷ (N ‖μ‖): one pass, with μ known only at the end.
        private double MeanVectorCosine()
        {
            double dot = 0, meanNormSquared = 0;
            for (int j = 0; j < _unitInputSum.Length; j++)
            {
                double mean = _inputMoments.Mean(j);
                dot += mean * _unitInputSum[j];
                meanNormSquared += mean * mean;
            }

            return meanNormSquared > 0 ? dot / (_vectors * Math.Sqrt(meanNormSquared)) : 0;
        }

        /// <summary>1 − residual ÷ input variance; NaN when the input has no variance (nothing to explain) or N &lt; 2.</summary>
        private static double ExplainedVariance(double inputVariance, double residualVariance) =>
            inputVariance > 0 ? 1 - (residualVariance / inputVariance) : double.NaN;

        /// <summary>x·y / (‖x‖‖y‖) in double; 0 when either vector is zero.</summary>
        private static double Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
        {
            double dot = 0, xx = 0, yy = 0;
            for (int j = 0; j < x.Length; j++)
            {
                dot += (double)x[j] * y[j];
                xx += (double)x[j] * x[j];
                yy += (double)y[j] * y[j];
            }

            return xx > 0 && yy > 0 ? dot / Math.Sqrt(xx * yy) : 0;
        }
    }
}
