using SaeLab.Sae;
using SaeLab.Tests.Training;

namespace SaeLab.Tests.Sae;

/// <summary>An SAE trained on inputs × s, folded, takes raw inputs: codes and reconstructions are those of the scaled inputs, divided by s.</summary>
public sealed class FoldInputScaleTests
{
    private const int D = 12, M = 20, N = 9;
    private const float Scale = 0.37f;

    [Theory]
    [MemberData(nameof(ArchitectureConfigs.Loadable), MemberType = typeof(ArchitectureConfigs))]
    public void FoldedSae_OnRawInputs_GivesTheScaledInputsCodesAndReconstructionsOverTheScale(string architecture)
    {
        foreach (bool centre in (bool[])[false, true])
        {
            var random = new Random(architecture.Length + (centre ? 100 : 0));
            DictionarySae sae = Random(architecture, random);
            sae.ApplyBDecToInput = centre;
            float[] raw = Values(random, N * D, 3);
            float[] scaled = [.. raw.Select(x => x * Scale)];
            (float[] codes, float[] reconstruction) = Run(sae, scaled);

            sae.FoldInputScale(Scale);
            (float[] foldedCodes, float[] foldedReconstruction) = Run(sae, raw);

            Assert.Contains(codes, c => c != 0);
            AssertClose(codes.Select(c => c / Scale), foldedCodes);
            AssertClose(reconstruction.Select(x => x / Scale), foldedReconstruction);
        }
    }

    [Fact]
    public void ABadScale_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReluSae(2, 2).FoldInputScale(0f));

    private static DictionarySae Random(string architecture, Random random)
    {
        DictionarySae sae = architecture switch
        {
            "standard" => new ReluSae(D, M),
            "topk" => new TopKSae(D, M, k: 4),
            "jumprelu" => new JumpReluSae(D, M),
            "gated" => new GatedSae(D, M),
            _ => throw new ArgumentException($"no random {architecture} SAE here: add one", nameof(architecture)),
        };
        Fill(sae.WEnc, random, 1);
        Fill(sae.WDec, random, 1);
        Fill(sae.BDec, random, 0.5);
        switch (sae)
        {
            case ReluSae relu:
                Fill(relu.BEnc, random, 0.5);
                break;
            case TopKSae topK:
                Fill(topK.BEnc, random, 0.5);
                break;
            case JumpReluSae jump:
                Fill(jump.BEnc, random, 0.5);
                Fill(jump.Threshold, random, 0.3);
                for (int f = 0; f < M; f++)
                {
                    jump.Threshold[f] = Math.Abs(jump.Threshold[f]);
                }

                break;
            case GatedSae gated:
                Fill(gated.BGate, random, 0.5);
                Fill(gated.BMag, random, 0.5);
                Fill(gated.RMag, random, 0.5);
                break;
        }

        return sae;
    }

    private static (float[] Codes, float[] Reconstruction) Run(DictionarySae sae, float[] x)
    {
        var codes = new float[N * M];
        var reconstruction = new float[N * D];
        sae.Encode(x, N, codes);
        sae.Decode(codes, N, reconstruction);
        return (codes, reconstruction);
    }

    private static void AssertClose(IEnumerable<float> expected, float[] actual)
    {
        float[] e = [.. expected];
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - actual[i]) <= 1e-4f * (1 + Math.Abs(e[i])), $"[{i}] {e[i]} vs {actual[i]}");
        }
    }

    private static void Fill(float[] values, Random random, double scale)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(scale * (2 * random.NextDouble() - 1));
        }
    }

    private static float[] Values(Random random, int length, double scale)
    {
        var values = new float[length];
        Fill(values, random, scale);
        return values;
    }
}
