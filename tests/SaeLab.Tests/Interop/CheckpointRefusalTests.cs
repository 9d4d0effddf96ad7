using SaeLab.Sae;
using SaeLab.Training.Architectures;

namespace SaeLab.Tests.Interop;

/// <summary>
/// Malformed or unsupported checkpoints of the seed, dictionary_learning and SAELens &lt; 6 layouts: each is one
/// SaeLabException (FileFormatException for files that are not what they claim) naming the file and the problem.
/// The fixtures are copied into a temporary folder and edited there.
/// </summary>
public sealed class CheckpointRefusalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-checkpoint-refusals-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("\"activation_fn_str\": \"topk\"", "\"activation_fn_str\": \"tanh-relu\"", "activation_fn_str 'tanh-relu' is not supported. supported: relu, topk")]
    [InlineData("\"activation_fn_str\": \"topk\"", "\"activation_fn\": \"gelu\"", "activation_fn 'gelu' is not supported. supported: relu, topk")]
    [InlineData("\"architecture\": \"standard\"", "\"architecture\": \"jumprelu\"", "activation 'topk' on architecture 'jumprelu' is not supported")]
    [InlineData("\"k\": 3", "\"kk\": 3", "missing 'k'")]
    [InlineData("\"finetuning_scaling_factor\": false", "\"finetuning_scaling_factor\": true", "missing tensor 'finetuning_scaling_factor'")]
    public void BadSaeLensV5Config_IsOneErrorNamingTheFile(string find, string replace, string expected)
    {
        string folder = CopyFixture("saelens_v5/topk");
        Edit(Path.Combine(folder, SaeCheckpoint.ConfigFileName), find, replace);

        var error = Assert.ThrowsAny<SaeLabException>(() => SaeFolder.Load(folder));

        Assert.Contains(expected, error.Message);
        Assert.Contains(folder, error.Message);
    }

    [Fact]
    public void AnEmptyCfgJson_IsNamedAsEmpty()
    {
        string folder = CopyFixture("saelens_v5/topk");
        File.WriteAllBytes(Path.Combine(folder, SaeCheckpoint.ConfigFileName), []);

        var error = Assert.ThrowsAny<SaeLabException>(() => SaeFolder.Load(folder));

        Assert.Contains("cfg.json: the file is empty (0 bytes). was it written completely?", error.Message);
    }

    [Theory]
    [InlineData("\"dict_class\": \"AutoEncoderTopK\"", "\"dict_class\": \"CrossCoder\"", "config.json: dict_class 'CrossCoder' is not supported. supported: AutoEncoder, AutoEncoderTopK, BatchTopKSAE, MatryoshkaBatchTopKSAE, JumpReluAutoEncoder, GatedAutoEncoder")]
    [InlineData("\"dict_class\": \"AutoEncoderTopK\"", "\"class\": \"AutoEncoderTopK\"", "config.json: missing 'trainer.dict_class'")]
    [InlineData("\"dict_size\": 10", "\"dict_size\": 12", "ae.pt: tensor 'encoder.weight' has shape [10, 6], config.json implies [12, 6]")]
    [InlineData("\"activation_dim\": 6", "\"activation_dim\": \"six\"", "config.json: 'activation_dim' is \"six\", not an integer")]
    [InlineData("\"k\": 3", "\"k\": 4", "config.json: trainer.k = 4 but ae.pt holds k = 3")]
    [InlineData("\"trainer\":", "\"trainers\":", "config.json: no \"trainer\" object")]
    [InlineData("\"trainer\":", "", "config.json: invalid JSON")]
    public void BadDictionaryLearningConfig_IsOneErrorNamingTheFile(string find, string replace, string expected)
    {
        string folder = CopyFixture("dictionary_learning/topk");
        Edit(Path.Combine(folder, DictionaryLearningFolder.ConfigFileName), find, replace);

        var error = Assert.ThrowsAny<SaeLabException>(() => SaeFolder.Load(folder));

        Assert.Contains(expected, error.Message);
        Assert.Contains(folder, error.Message);
    }

    [Fact]
    public void DictionaryLearningWithoutConfigJson_NamesTheMissingFile()
    {
        string folder = CopyFixture("dictionary_learning/gated");
        File.Delete(Path.Combine(folder, DictionaryLearningFolder.ConfigFileName));

        var error = Assert.ThrowsAny<SaeLabException>(() => SaeFolder.Load(folder));

        Assert.StartsWith(Path.Combine(folder, DictionaryLearningFolder.ConfigFileName) + ": missing", error.Message);
    }

    [Fact]
    public void StateDictLackingATensor_NamesTheTensorAndTheFile()
    {
        string path = CheckpointInteropTests.FixturePath("refusals/seed_missing_tensor/sae_weights.pt");

        var error = Assert.ThrowsAny<SaeLabException>(() => SaeFolder.Load(path));

        Assert.Equal($"{path}: missing tensor 'decoder.bias'. a standard SAE needs it", error.Message);
    }

    [Fact]
    public void ActivationFileGivenAsSae_SaysWhatTheSeedCheckpointHolds()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "formats", "seed_layout.pt");

        var error = Assert.ThrowsAny<SaeLabException>(() => SaeFolder.Load(path));

        Assert.StartsWith($"{path}: no 'config' entry", error.Message);
    }

    [Fact]
    public void TruncatedSeedCheckpoint_IsAFormatError()
    {
        string path = Path.Combine(_dir, SeedCheckpoint.FileName);
        byte[] bytes = File.ReadAllBytes(CheckpointInteropTests.FixturePath("seed/sae_weights.pt"));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<SaeLab.Formats.FileFormatException>(() => SaeFolder.Load(_dir));

        Assert.Equal(path, error.FilePath);
    }

    [Theory]
    [InlineData("malicious_system.pt")]
    [InlineData("malicious_eval.pt")]
    public void PickleThatWouldRunCode_IsRefused(string name)
    {
        string folder = Path.Combine(_dir, "trainer_0");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "formats", name), Path.Combine(folder, DictionaryLearningFolder.WeightsFileName));
        File.Copy(
            CheckpointInteropTests.FixturePath("dictionary_learning/topk/config.json"), Path.Combine(folder, DictionaryLearningFolder.ConfigFileName));

        var error = Assert.Throws<SaeLab.Formats.FileFormatException>(() => SaeFolder.Load(_dir));

        Assert.Contains("refusing to load", error.Message);
        Assert.Equal(Path.Combine(folder, DictionaryLearningFolder.WeightsFileName), error.FilePath);
    }

    private string CopyFixture(string name)
    {
        string target = Path.Combine(_dir, Path.GetFileName(name));
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(CheckpointInteropTests.FixturePath(name)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    private static void Edit(string path, string find, string replace)
    {
        string text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
    }
}
