namespace SaeLab.Probing.Classifier;

/// <summary>
/// The penalised objective of <see cref="LogisticRegression"/> over parameters [rows, d + 1] (weights, intercept
/// last): Σᵢ loss + ‖W‖²/(2C), as scikit-learn's <c>LinearModelLoss.loss_gradient</c>
/// (<c>sklearn/linear_model/_linear_loss.py</c>) with unit sample weights. Gradient: Xᵀ(P − Y) + W/C.
/// </summary>
internal sealed class LogisticLoss
{
    private readonly float[] _x;
    private readonly int _n, _d, _rows, _stride;
    private readonly int[] _y;
    private readonly double _penalty;
    private readonly ColumnStandardization? _standardization;
    private readonly double[] _raw, _scores;

    public LogisticLoss(float[] x, int n, int d, int[] y, int classCount, double c, ColumnStandardization? standardization)
    {
        (_x, _n, _d, _y, _standardization) = (x, n, d, y, standardization);
        _rows = RowsFor(classCount);
        _stride = d + 1;
        _penalty = 1 / c;
        _raw = standardization is null ? [] : new double[_rows * _stride];
        _scores = new double[n * _rows];
    }

    /// <summary>Weight rows: one per class, or one (for the second class) in the binary case.</summary>
    public static int RowsFor(int classCount) => classCount == 2 ? 1 : classCount;

    public double Evaluate(ReadOnlySpan<double> weights, Span<double> gradient)
    {
        ReadOnlySpan<double> raw = weights;
        if (_standardization is not null)
        {
            _standardization.ToRawWeights(weights, _rows, _raw);
            raw = _raw;
        }

        Scores(_x, _n, _d, raw, _rows, _scores);
        double loss = _rows == 1 ? BinaryResiduals() : MultinomialResiduals();
        LinearScores.Gradient(_x, _n, _d, _scores, _rows, gradient, _stride);
        for (int r = 0; r < _rows; r++)
        {
            double sum = 0;
            for (int i = 0; i < _n; i++)
            {
                sum += _scores[i * _rows + r];
            }

            gradient[r * _stride + _d] = sum;
        }

        _standardization?.ToStandardizedGradient(gradient, _rows);
        for (int r = 0; r < _rows; r++)
        {
            for (int j = 0; j < _d; j++)
            {
                double w = weights[r * _stride + j];
                loss += 0.5 * _penalty * w * w;
                gradient[r * _stride + j] += _penalty * w;
            }
        }

        return loss;
    }

    /// <summary>scores [n, rows] = x·wᵀ + b for parameters [rows, d + 1] on raw features.</summary>
    public static void Scores(float[] x, int n, int d, ReadOnlySpan<double> raw, int rows, Span<double> scores)
    {
        LinearScores.Scores(x, n, d, raw, rows, d + 1, scores);
        for (int i = 0; i < n; i++)
        {
            for (int r = 0; r < rows; r++)
            {
                scores[i * rows + r] += raw[r * (d + 1) + d];
            }
        }
    }

    /// <summary>Σ log(1 + e^z) − y·z; scores become the residuals σ(z) − y.</summary>
    private double BinaryResiduals()
    {
        double loss = 0;
        for (int i = 0; i < _n; i++)
        {
            double z = _scores[i], y = _y[i];
            loss += (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - y * z;
            _scores[i] = Sigmoid(z) - y;
        }

        return loss;
    }

    /// <summary>Σ logsumexp(z) − z_y; scores become the residuals softmax(z) − onehot(y).</summary>
    private double MultinomialResiduals()
    {
        double loss = 0;
        for (int i = 0; i < _n; i++)
        {
            Span<double> z = _scores.AsSpan(i * _rows, _rows);
            double max = System.Numerics.Tensors.TensorPrimitives.Max<double>(z);
            double sum = 0;
            for (int r = 0; r < _rows; r++)
            {
                sum += Math.Exp(z[r] - max);
            }

            loss += max + Math.Log(sum) - z[_y[i]];
            for (int r = 0; r < _rows; r++)
            {
                z[r] = Math.Exp(z[r] - max) / sum - (r == _y[i] ? 1 : 0);
            }
        }

        return loss;
    }

    internal static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
