using SaeLab.Sae;

namespace SaeLab.Tests.Training;

/// <summary>The ReLU SAE's forward pass with naive loops in double: the independent oracle that gradient checks compare against.</summary>
internal static class ReluSaeDoubleOracle
{
    /// <summary>Codes z of vector <paramref name="row"/> of <paramref name="x"/> [*, d] (the encoder on x − b_dec when the SAE applies b_dec to its input), and its squared reconstruction error.</summary>
    public static (double[] Codes, double SquaredError) Forward(ReluSae sae, float[] x, int row)
    {
        int d = sae.DIn, m = sae.DSae;
        var z = new double[m];
        for (int f = 0; f < m; f++)
        {
            double pre = sae.BEnc[f];
            for (int i = 0; i < d; i++)
            {
                double input = sae.ApplyBDecToInput ? (double)x[row * d + i] - sae.BDec[i] : x[row * d + i];
                pre += input * sae.WEnc[i * m + f];
            }

            z[f] = Math.Max(pre, 0);
        }

        double squares = 0;
        for (int i = 0; i < d; i++)
        {
            double reconstruction = sae.BDec[i];
            for (int f = 0; f < m; f++)
            {
                reconstruction += z[f] * sae.WDec[f * d + i];
            }

            squares += (reconstruction - x[row * d + i]) * (reconstruction - x[row * d + i]);
        }

        return (z, squares);
    }

    /// <summary>
    /// The L1 penalty's weight of each feature: ‖W_dec[f, :]‖₂ in double when <paramref name="byDecoderNorm"/>
    /// (Anthropic's April 2024 update), else 1 (the seed's plain L1).
    /// </summary>
    public static double[] L1Weights(ReluSae sae, bool byDecoderNorm)
    {
        int d = sae.DIn;
        var weights = new double[sae.DSae];
        for (int f = 0; f < weights.Length; f++)
        {
            double squares = 0;
            for (int i = 0; i < d; i++)
            {
                squares += (double)sae.WDec[f * d + i] * sae.WDec[f * d + i];
            }

            weights[f] = byDecoderNorm ? Math.Sqrt(squares) : 1;
        }

        return weights;
    }
}
