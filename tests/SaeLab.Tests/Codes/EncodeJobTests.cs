using SaeLab.Codes;
using SaeLab.Data;
using SaeLab.Sae;
using SaeLab.Tests.Evaluation;

namespace SaeLab.Tests.Codes;

public sealed class EncodeJobTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-encode-job-").FullName;
    private readonly string _sae;
    private readonly string _data;

    public EncodeJobTests()
    {
        _sae = Path.Combine(_dir, "sae");
        SaeCheckpoint.Save(_sae, TinySae.SplitSigns(2));
        _data = Path.Combine(_dir, "vectors.safetensors");
        ActivationWriter.Write(new ActivationSet([1, -2, 0, 0, 3, 0.5f], 3, 2, [new IntColumn(MetadataKeys.Problems, [7, 8, 9])], "vectors"), _data);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Run_WritesTheCodesWithTheMetadata()
    {
        string output = Path.Combine(_dir, "codes.npz");

        SparseCodes codes = new EncodeJob { Sae = _sae, Data = _data, Output = output }.Run();

        // [1, −2] → features 0 and 3; [0, 0] → none; [3, 0.5] → features 0 and 1.
        Assert.Equal([0, 3, 0, 1], codes.Indices);
        ActivationSet written = ActivationLoader.Load(output, ActivationLoadOptions.Default with { ActivationsKey = CodeFile.DenseName });
        Assert.Equal([1f, 0, 0, 2, 0, 0, 0, 0, 3, 0.5f, 0, 0], written.Values);
        Assert.Equal([7L, 8, 9], written.Ints(MetadataKeys.Problems));
    }

    [Fact]
    public void SparseCodesToANpy_AreRefusedBeforeAnythingIsLoaded()
    {
        string output = Path.Combine(_dir, "codes.npy");
        var job = new EncodeJob { Sae = "no-such-sae", Data = _data, Output = output, Layout = CodeLayout.Sparse };

        var error = Assert.Throws<SaeLabException>(() => job.Run());

        Assert.Contains("a .npy holds one array, and sparse codes are three", error.Message);
        Assert.False(File.Exists(output));
    }
}
