using SaeLab.Formats.SafeTensors;
using SaeLab.Sae;

namespace SaeLab.Tests.Interop;

/// <summary>
/// A fixture script's <c>reference.safetensors</c>: the input <c>x</c> and, per SAE, the codes (<c>&lt;name&gt;.codes</c>)
/// and reconstructions (<c>&lt;name&gt;.recon</c>) PyTorch computed, which a loaded SAE must reproduce within 1e-5.
/// </summary>
internal sealed class TorchReference(string path)
{
    private const double Tolerance = 1e-5;

    private readonly SafeTensorsContents _tensors = SafeTensorsFile.Read(path);

    /// <summary>Encodes and decodes <c>x</c> with <paramref name="sae"/> and compares both with the reference <paramref name="name"/>.</summary>
    public void AssertReproduces(ISparseAutoencoder sae, string name)
    {
        float[] x = Tensor("x");
        int n = x.Length / sae.DIn;
        var codes = new float[n * sae.DSae];
        var reconstruction = new float[n * sae.DIn];

        sae.Encode(x, n, codes);
        sae.Decode(codes, n, reconstruction);

        AssertClose(Tensor(name + ".codes"), codes);
        AssertClose(Tensor(name + ".recon"), reconstruction);
    }

    private float[] Tensor(string name) =>
        (_tensors.Find(name) ?? throw new InvalidOperationException($"{path} has no tensor '{name}'; rerun its fixture script")).ToFloat32();

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= Tolerance * (1 + Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
