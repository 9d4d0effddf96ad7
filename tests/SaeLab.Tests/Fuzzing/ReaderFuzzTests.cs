using System.Text;
using SaeLab.Experiments;
using SaeLab.Formats.Numpy;
using SaeLab.Formats.SafeTensors;
using SaeLab.Formats.Torch;
using SaeLab.Formats.Zip;
using SaeLab.Tests.Formats;
using SaeLab.Tests.Interop;
using Xunit.Abstractions;

namespace SaeLab.Tests.Fuzzing;

/// <summary>
/// Every reader of untrusted bytes over thousands of mutated and truncated inputs (seeded; see <see cref="FuzzHarness"/>
/// for what counts as a failure). The case counts are printed in the test output.
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output)
{
    private const string Path = "fuzz.bin";

    [Fact]
    public void Pickle()
    {
        List<KeyValuePair<string, byte[]>> entries = FormatFixtures.ZipEntries(FormatFixtures.Path("seed_layout.pt"));
        int index = entries.FindIndex(e => e.Key.EndsWith("/data.pkl", StringComparison.Ordinal));
        byte[][] seeds = [entries[index].Value, PickleOf("tensors.pt"), PickleOf("custom_layout.pt")];

        Report(FuzzHarness.Run("pickle", seeds, 20000, pickle =>
        {
            entries[index] = new(entries[index].Key, pickle);
            TorchFile.FromEntries(entries, Path);
        }));
    }

    [Fact]
    public void ZipContainer() =>
        Report(FuzzHarness.Run("zip (torch.save, npz)", Seeds("tensors.pt", "acts_stored.npz", "acts_compressed.npz"), 10000, zip =>
        {
            IReadOnlyList<KeyValuePair<string, byte[]>> entries = ZipEntries.ReadAll(zip, Path);
            _ = TorchFile.IsTorchArchive(entries) ? TorchFile.FromEntries(entries, Path) : NpzFile.FromEntries(entries, Path);
        }));

    [Fact]
    public void SafeTensors()
    {
        byte[] saeWeights = File.ReadAllBytes(System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "interop", "gated", "sae_weights.safetensors"));

        Report(FuzzHarness.Run("safetensors", [.. Seeds("acts.safetensors"), saeWeights], 20000, bytes => SafeTensorsFile.Parse(bytes, Path)));
    }

    [Fact]
    public void Npy() =>
        Report(FuzzHarness.Run("npy", Seeds("c_order.npy", "f16_fortran_3d.npy", "labels.npy", "big_endian.npy", "bool.npy", "v2.npy"), 20000, bytes => NpyFile.Parse(bytes, Path)));

    [Fact]
    public void Npz() =>
        Report(FuzzHarness.Run("npz", Seeds("acts_stored.npz", "acts_compressed.npz"), 8000, bytes => NpzFile.Parse(bytes, Path)));

    [Fact]
    public void ExperimentYaml()
    {
        byte[] seed = File.ReadAllBytes(System.IO.Path.Combine(TestData.RepositoryRoot, "experiments", "seed-pilot-vs-refined.yaml"));

        Report(FuzzHarness.Run("experiment YAML", [seed], 10000, bytes => ExperimentFile.Parse(Encoding.UTF8.GetString(bytes), Path).Validate(Path)));
    }

    /// <summary>
    /// The SAE checkpoint loaders over mutated pickles inside valid torch.save zips (the state_dict, the seed's config
    /// dict, the scalar buffers): whatever the file holds, loading succeeds or names the problem.
    /// </summary>
    [Theory]
    [InlineData("seed/sae_weights.pt")]
    [InlineData("dictionary_learning/matryoshka/ae.pt")]
    [InlineData("dictionary_learning/gated/ae.pt")]
    public void SaeCheckpoint(string fixture)
    {
        string source = CheckpointInteropTests.FixturePath(fixture);
        string folder = Directory.CreateTempSubdirectory("saelab-fuzz-sae-").FullName;
        try
        {
            foreach (string file in Directory.GetFiles(System.IO.Path.GetDirectoryName(source)!))
            {
                File.Copy(file, System.IO.Path.Combine(folder, System.IO.Path.GetFileName(file)));
            }

            string target = System.IO.Path.Combine(folder, System.IO.Path.GetFileName(source));
            List<KeyValuePair<string, byte[]>> entries = FormatFixtures.ZipEntries(source);
            int index = entries.FindIndex(e => e.Key.EndsWith("/data.pkl", StringComparison.Ordinal));

            Report(FuzzHarness.Run($"SAE checkpoint {fixture}", [entries[index].Value], 3000, pickle =>
            {
                entries[index] = new(entries[index].Key, pickle);
                File.WriteAllBytes(target, FormatFixtures.Zip(entries));
                SaeLab.Training.Architectures.SaeFolder.Load(folder);
            }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static byte[][] Seeds(params string[] fixtures) => fixtures.Select(name => File.ReadAllBytes(FormatFixtures.Path(name))).ToArray();

    private static byte[] PickleOf(string fixture) =>
        FormatFixtures.ZipEntries(FormatFixtures.Path(fixture)).First(e => e.Key.EndsWith("/data.pkl", StringComparison.Ordinal)).Value;

    private void Report(FuzzReport report)
    {
        output.WriteLine(report.ToString());
        Assert.True(report.FormatErrors > 0, "no mutant was rejected: the mutations do not reach the reader");
    }
}
