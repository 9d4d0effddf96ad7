using SaeLab.Sae;
using SaeLab.Training.Architectures;

namespace SaeLab.Tests.Sae;

public sealed class SaeCheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReluSae_EncodesAndDecodesAsItsFormulaSays()
    {
        var sae = new ReluSae(dIn: 2, dSae: 3);
        float[] wEnc = [1, -1, 0.5f, 2, 1, -1];
        wEnc.CopyTo(sae.WEnc, 0);
        sae.BEnc[0] = 0.5f;
        float[] wDec = [1, 0, 0, 1, 1, 1];
        wDec.CopyTo(sae.WDec, 0);
        sae.BDec[1] = -1;
        var codes = new float[3];
        var reconstruction = new float[2];

        sae.Encode([1f, 1f], 1, codes);
        sae.Decode(codes, 1, reconstruction);

        // pre = [1+2+0.5, -1+1, 0.5-1] = [3.5, 0, -0.5] → relu [3.5, 0, 0]
        Assert.Equal([3.5f, 0f, 0f], codes);
        Assert.Equal([3.5f, -1f], reconstruction);
    }

    [Fact]
    public void SaveThenLoad_GivesTheSameParameters()
    {
        var sae = new ReluSae(4, 6);
        var random = new Random(1);
        foreach (float[] parameter in new[] { sae.WEnc, sae.BEnc, sae.WDec, sae.BDec })
        {
            for (int i = 0; i < parameter.Length; i++)
            {
                parameter[i] = (float)random.NextDouble();
            }
        }

        SaeCheckpoint.Save(_dir, sae);
        var loaded = Assert.IsType<ReluSae>(SaeFolder.Load(_dir));

        Assert.Equal(sae.WEnc, loaded.WEnc);
        Assert.Equal(sae.BDec, loaded.BDec);
        Assert.Contains("\"d_sae\": 6", File.ReadAllText(Path.Combine(_dir, SaeCheckpoint.ConfigFileName)));
    }

    [Fact]
    public void MissingFolder_IsAUserError() =>
        Assert.Throws<SaeLabException>(() => SaeFolder.Load(Path.Combine(_dir, "nope")));
}
