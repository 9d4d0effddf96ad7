using SaeLab.Sae;

namespace SaeLab.Training.Architectures;

/// <summary>
/// The seed's initialisation of its ReLU SAE: PyTorch's <c>nn.Linear</c> default, kaiming_uniform(a = √5), which
/// draws weights and biases from U(−1/√fan_in, 1/√fan_in); the encoder is Linear(d, m) (fan_in d), the
/// decoder Linear(m, d) (bias fan_in m) with its weight set to the encoder's transpose. PyTorch's generator
/// cannot be reproduced, so the values differ from the seed's; the distribution is the same.
/// </summary>
public static class PyTorchLinearInit
{
    /// <summary>Fills <paramref name="sae"/>'s parameters from <paramref name="random"/>: W_enc, then b_enc, then b_dec.</summary>
    public static void Initialize(ReluSae sae, Random random)
    {
        int d = sae.DIn, m = sae.DSae;
        FillUniform(sae.WEnc, 1 / Math.Sqrt(d), random);
        FillUniform(sae.BEnc, 1 / Math.Sqrt(d), random);
        FillUniform(sae.BDec, 1 / Math.Sqrt(m), random);

        // W_dec [m, d] = decoder.weightᵀ = encoder.weight = W_encᵀ.
        for (int i = 0; i < d; i++)
        {
            for (int f = 0; f < m; f++)
            {
                sae.WDec[f * d + i] = sae.WEnc[i * m + f];
            }
        }
    }

    private static void FillUniform(Span<float> values, double bound, Random random)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((2 * random.NextDouble() - 1) * bound);
        }
    }
}
