using SaeLab.Sae;

namespace SaeLab.Tests.Architectures;

/// <summary>Naive double-precision pieces of the architectures' losses: the independent oracles of the gradient checks.</summary>
internal static class DoubleSae
{
    /// <summary>pre [B, m] = x'·W_enc + bias (null: none), x' = x − b_dec when the SAE applies b_dec to its input, else x.</summary>
    public static double[] Pre(DictionarySae sae, float[] x, int batch, float[]? bias)
    {
        double Input(int b, int i) => sae.ApplyBDecToInput ? (double)x[b * sae.DIn + i] - sae.BDec[i] : x[b * sae.DIn + i];

        int d = sae.DIn, m = sae.DSae;
        var pre = new double[batch * m];
        for (int b = 0; b < batch; b++)
        {
            for (int f = 0; f < m; f++)
            {
                double sum = bias?[f] ?? 0;
                for (int i = 0; i < d; i++)
                {
                    sum += Input(b, i) * sae.WEnc[i * m + f];
                }

                pre[b * m + f] = sum;
            }
        }

        return pre;
    }

    /// <summary>codes·W_dec[:features] (+ b_dec when <paramref name="withBias"/>) [B, d], from the given decoder arrays.</summary>
    public static double[] Decode(double[] codes, int batch, int m, int d, float[] wDec, float[] bDec, int features, bool withBias = true)
    {
        var output = new double[batch * d];
        for (int b = 0; b < batch; b++)
        {
            for (int i = 0; i < d; i++)
            {
                double sum = withBias ? bDec[i] : 0;
                for (int f = 0; f < features; f++)
                {
                    sum += codes[b * m + f] * wDec[f * d + i];
                }

                output[b * d + i] = sum;
            }
        }

        return output;
    }

    /// <summary>Σ (a − x)² / count.</summary>
    public static double Mse(double[] a, float[] x) => a.Select((v, i) => (v - x[i]) * (v - x[i])).Sum() / a.Length;

    /// <summary>Σ (a − x)² / <paramref name="batch"/> when <paramref name="sumOverDimensions"/> (the references' units), else the MSE.</summary>
    public static double Reconstruction(double[] a, float[] x, int batch, bool sumOverDimensions) =>
        sumOverDimensions ? Mse(a, x) * a.Length / batch : Mse(a, x);

    /// <summary>ReLU on the <paramref name="k"/> largest of <paramref name="values"/> (lower index first among ties), 0 elsewhere.</summary>
    public static double[] TopK(ReadOnlySpan<double> values, int k)
    {
        double[] copy = values.ToArray();
        int[] keep = [.. Enumerable.Range(0, copy.Length).OrderByDescending(i => copy[i]).ThenBy(i => i).Take(k)];
        var result = new double[copy.Length];
        foreach (int i in keep)
        {
            result[i] = Math.Max(copy[i], 0);
        }

        return result;
    }

    /// <summary>TopK's codes: <see cref="TopK"/> of each row of pre [batch, m].</summary>
    public static double[] PerRowTopK(double[] pre, int batch, int k)
    {
        int m = pre.Length / batch;
        var codes = new double[pre.Length];
        for (int b = 0; b < batch; b++)
        {
            TopK(pre.AsSpan(b * m, m), k).CopyTo(codes, b * m);
        }

        return codes;
    }

    /// <summary>BatchTopK's (and Matryoshka's) codes: the k · batch largest of the whole batch.</summary>
    public static double[] BatchTopK(double[] pre, int batch, int k) => TopK(pre, k * batch);

    /// <summary>Central difference of <paramref name="loss"/> in parameter value i (the steps as float actually stores them).</summary>
    public static double FiniteDifference(Func<double> loss, float[] parameter, int i, double h = 1e-3)
    {
        float saved = parameter[i];
        parameter[i] = (float)(saved + h);
        double plus = loss();
        double up = parameter[i] - saved;
        parameter[i] = (float)(saved - h);
        double minus = loss();
        double down = saved - parameter[i];
        parameter[i] = saved;
        return (plus - minus) / (up + down);
    }

    /// <summary>Asserts every gradient of parameters <paramref name="checkedParameters"/> matches the finite difference of <paramref name="loss"/>.</summary>
    public static void AssertGradients(float[][] parameters, float[][] gradients, Func<double> loss, IEnumerable<int> checkedParameters, double tolerance = 3e-5)
    {
        foreach (int p in checkedParameters)
        {
            for (int i = 0; i < parameters[p].Length; i++)
            {
                double expected = FiniteDifference(loss, parameters[p], i);
                Assert.True(Math.Abs(expected - gradients[p][i]) <= tolerance * Math.Max(1, Math.Abs(expected)), $"parameter {p}[{i}]: finite difference {expected}, gradient {gradients[p][i]}");
            }
        }
    }
}
