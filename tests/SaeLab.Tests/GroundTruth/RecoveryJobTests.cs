using SaeLab.Formats.SafeTensors;
using SaeLab.GroundTruth;
using SaeLab.Reports;
using SaeLab.Sae;
using SaeLab.Synthetic;
using SaeLab.Tensors;

namespace SaeLab.Tests.GroundTruth;

public sealed class RecoveryJobTests : IDisposable
{
    private static readonly SyntheticDataset Data = SyntheticActivationGenerator.Generate(
        new SyntheticConfig { Problems = 3, Dim = 16, TrueFeatures = 24, ActivePerVector = 3, Seed = 2 });

    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-recovery-job-").FullName;
    private readonly string _sae;

    public RecoveryJobTests()
    {
        // An SAE whose decoder rows are the true directions.
        var sae = new ReluSae(16, 24);
        Data.TrueDirections.CopyTo(sae.WDec, 0);
        _sae = Path.Combine(_dir, "sae");
        SaeCheckpoint.Save(_sae, sae);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Run_OfTheTrueDictionary_RecoversEverything_AndWritesItsJson()
    {
        string json = Path.Combine(_dir, "recovery.json");

        GroundTruthRecoveryResult result = new RecoveryJob { Sae = _sae, Truth = Truth(Data.TrueDirections, 24, 16, "true_directions"), Out = json }.Run();

        Assert.Equal(1.0, result.FractionRecovered);
        Assert.StartsWith("24 true features, 24 SAE features: mean max cosine (per true feature) 1.000", RecoveryReport.Text(result));
        Assert.Contains("\"fraction_recovered\": 1", File.ReadAllText(json));
    }

    [Fact]
    public void Run_ReadsTheDirectionsUnderTheTruthKey()
    {
        var job = new RecoveryJob { Sae = _sae, Truth = Truth(Data.TrueDirections, 24, 16, "W"), Options = new RecoveryOptions { TruthKey = "W", Threshold = 0.5 } };

        Assert.Equal(0.5, job.Run().Threshold);
    }

    [Fact]
    public void DirectionsOfAnotherDimension_AreRefused()
    {
        string truth = Truth(new float[24 * 8], 24, 8, "true_directions");

        var error = Assert.Throws<SaeLabException>(() => new RecoveryJob { Sae = _sae, Truth = truth }.Run());

        Assert.StartsWith($"{truth}: true directions have dimension 8 but the SAE's d_in is 16", error.Message);
    }

    [Fact]
    public void AThresholdOutOfRange_IsRefusedNamingTheOption()
    {
        var job = new RecoveryJob { Sae = "no-such-sae", Truth = "no-such-truth", Options = new RecoveryOptions { Threshold = 1 } };

        var error = Assert.ThrowsAny<SaeLabException>(() => job.Run());

        Assert.Contains("--threshold must be a cosine in (-1, 1)", error.Message);
    }

    private string Truth(float[] directions, int count, int dim, string key)
    {
        string path = Path.Combine(_dir, $"truth-{key}-{dim}.safetensors");
        SafeTensorsFile.Write(path, [new(key, HostTensor.FromFloat32(directions, count, dim))]);
        return path;
    }
}
