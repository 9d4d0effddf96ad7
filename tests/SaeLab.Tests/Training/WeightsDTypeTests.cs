using System.Text.Json.Nodes;
using SaeLab.Data;
using SaeLab.Experiments;
using SaeLab.Figures;
using SaeLab.Formats;
using SaeLab.Formats.SafeTensors;
using SaeLab.Sae;
using SaeLab.Tensors;
using SaeLab.Training.Architectures;

namespace SaeLab.Tests.Training;

/// <summary><c>train --weights-dtype</c> and the experiments' <c>weights_dtype</c>: narrow weight files that reload to the rounded float32 weights.</summary>
public sealed class WeightsDTypeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-weights-dtype-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("bf16", DType.BFloat16)]
    [InlineData("f16", DType.Float16)]
    public void Train_SavesNarrowWeightsThatReloadAsTheRoundedFloat32Ones(string flag, DType dtype)
    {
        string data = WriteData();
        string wide = Path.Combine(_dir, "f32"), narrow = Path.Combine(_dir, flag);
        string[] train = ["train", "--data", data, "--features", "12", "--epochs", "2", "--batch-size", "8", "--seed", "3", "--quiet"];

        Assert.Equal(0, TrainCommandTests.Run([.. train, "--out", wide]).Code);
        Assert.Equal(0, TrainCommandTests.Run([.. train, "--out", narrow, "--weights-dtype", flag]).Code);

        Assert.All(SafeTensorsFile.Read(Path.Combine(narrow, SaeCheckpoint.WeightsFileName)).Tensors, pair => Assert.Equal(dtype, pair.Value.DType));
        JsonObject config = JsonNode.Parse(File.ReadAllText(Path.Combine(narrow, SaeCheckpoint.ConfigFileName)))!.AsObject();
        Assert.Equal(DTypeInfo.DisplayName(dtype), config["dtype"]!.GetValue<string>());
        IReadOnlyDictionary<string, HostTensor> expected = SaeFolder.Load(wide).ExportTensors().ToDictionary();
        IReadOnlyDictionary<string, HostTensor> reloaded = SaeFolder.Load(narrow).ExportTensors().ToDictionary();
        Assert.Equal(expected.Keys.Order(), reloaded.Keys.Order());
        foreach (var (name, tensor) in expected)
        {
            Assert.Equal(FloatEncoding.Encode(tensor.ToFloat32(), dtype, tensor.Shape).ToFloat32(), reloaded[name].ToFloat32());
        }

        var (code, stdout, stderr) = TrainCommandTests.Run("eval", "--sae", narrow, "--data", data);
        Assert.True(code == 0, stderr);
        Assert.Contains("explained variance", stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Train_RefusesAnUnwritableDType()
    {
        var (code, _, stderr) = TrainCommandTests.Run("train", "--data", WriteData(), "--out", Path.Combine(_dir, "x"), "--features", "4", "--weights-dtype", "f64");

        Assert.NotEqual(0, code);
        Assert.Contains("'f64'", stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
    }

    [Fact]
    public void ExperimentKey_SavesTheSaeAndEverySweepPointNarrow()
    {
        const string yaml = """
            data: {synthetic: {problems: 12, dim: 8, true_features: 32}}
            saes: [{name: a, features: 8, epochs: 1, weights_dtype: bf16}, {name: b, features: 8, epochs: 1}]
            sweep: {name: g, l1: [1.0e-3], features: [8], epochs: 1, weights_dtype: f16}
            probes: []
            accuracy_grid: false
            """;
        ExperimentResults results = ReportedExperiment.Run(ExperimentFile.Parse(yaml, "x.yaml"), "x.yaml", _dir);

        Assert.Equal(DType.BFloat16, WeightsDType(results.Saes[0].Folder));
        Assert.Equal(DType.Float32, WeightsDType(results.Saes[1].Folder));
        Assert.Equal(DType.Float16, WeightsDType(results.Sweep!.Points[0].Seeds.Runs[0].Folder));
        Assert.Equal(8, SaeFolder.Load(Path.Combine(_dir, results.Saes[0].Folder)).DSae);
    }

    [Fact]
    public void ExperimentKey_NamesABadValue()
    {
        var error = Assert.Throws<SaeLabException>(
            () => ExperimentFile.Parse("data: {synthetic: {problems: 12}}\nsaes: [{name: a, features: 8, weights_dtype: f64}]", "x.yaml").Validate("x.yaml"));

        Assert.Contains("sae 'a': weights_dtype 'f64' is not one of f32, f16, bf16", error.Message);
    }

    private DType WeightsDType(string folder) =>
        SafeTensorsFile.Read(Path.Combine(_dir, folder, SaeCheckpoint.WeightsFileName)).Tensors.Select(pair => pair.Value.DType).Distinct().Single();

    private string WriteData()
    {
        string path = Path.Combine(_dir, "data.safetensors");
        ActivationSet data = SaeTrainerTests.Synthetic(count: 40, dim: 6, seed: 4);
        SafeTensorsFile.Write(path, [new("activations", HostTensor.FromFloat32(data.Values, 40, 6))]);
        return path;
    }
}
