using SaeLab.Data;
using SaeLab.Figures;
using SaeLab.IO;
using SaeLab.Probing;
using SaeLab.Probing.Aggregation;
using SaeLab.Probing.Grid;
using SaeLab.Settings;
using SaeLab.Synthetic;

namespace SaeLab.Tests.Probing;

public sealed class ProberTests : IDisposable
{
    private static readonly ActivationSet Synthetic = SyntheticActivationGenerator.Generate(
        new SyntheticConfig { Problems = 60, Dim = 24, TrueFeatures = 64, ActivePerVector = 6, Seed = 3 }).Set;

    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-probe-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("mean", 24)]
    [InlineData("max", 24)]
    [InlineData("token:1@layer:8", 24)]
    [InlineData("layer-mean", 72)]
    [InlineData("concat", 432)]
    public void Run_ProbesEveryAggregationOnASeedShapedSet(string spec, int features)
    {
        var config = new ProbeConfig { Aggregation = AggregationSpec.Parse(spec) };

        ProbeResult result = Prober.Run(Synthetic, config);

        Assert.Equal((48, 12, features), (result.TrainSize, result.TestSize, result.NFeatures));
        Assert.True(result.Converged);
        Assert.Equal(["mixed", "pure_addition", "pure_multiplication"], result.Metrics.Classes);
        Assert.Equal(12, result.Metrics.ConfusionMatrix.Sum(row => row.Sum()));
        Assert.Equal(4, result.Metrics.PerClass["mixed"].Support);
        Assert.InRange(result.Metrics.Accuracy, result.Metrics.AccuracyCi95.Low, result.Metrics.AccuracyCi95.High);
        Assert.Equal(12, result.TestProblems.Distinct().Count());
        // Balanced classes: the training majority is a tie, broken to the first class, which holds 4 of the 12 test problems.
        Assert.Equal(("mixed", 4 / 12.0, 1 / 3.0), (result.MajorityClass, result.MajorityAccuracy, result.ChanceAccuracy));
        Assert.Equal(result.Metrics.Accuracy <= 4 / 12.0, result.AtMajorityRate);
    }

    [Fact]
    public void Run_OnSaeCodesAndStandardized_ScalesAway()
    {
        var sae = new ProbeTestSets.DoublingSae(Synthetic.Dim);
        var config = new ProbeConfig { Standardize = true };

        ProbeResult raw = Prober.Run(Synthetic, config);
        ProbeResult codes = Prober.Run(Synthetic, config, sae);

        // Standardisation removes the factor 2 of the stand-in SAE: same predictions, same scores.
        Assert.Equal("sae", codes.Source);
        Assert.Equal(raw.Metrics.ConfusionMatrix, codes.Metrics.ConfusionMatrix);
    }

    [Fact]
    public void Grid_ProbesEveryTokenAndLayerAndWritesItsFiles()
    {
        AccuracyGrid grid = AccuracyGrid.Run(Synthetic, new ProbeConfig());
        AccuracyGridFiles.Write(_dir, grid);
        ProbeFigures.WriteGrid(_dir, grid);

        Assert.Equal([4L, 8, 14], grid.Layers);
        Assert.Equal(6, grid.Tokens.Length);
        Assert.Equal(18, grid.Cells.Length);
        string markdown = File.ReadAllText(Path.Combine(_dir, ProbeOutputs.GridMarkdown));
        Assert.StartsWith("| layer \\ token | 0 | 1 | 2 | 3 | 4 | 5 |\n|---|", markdown);
        Assert.Contains("**", markdown);
        var back = JsonFiles.Read<AccuracyGrid>(Path.Combine(_dir, ProbeOutputs.GridJson));
        Assert.Equal(grid.Cells.Select(c => c.Accuracy), back.Cells.Select(c => c.Accuracy));
        Assert.True(new FileInfo(Path.Combine(_dir, ProbeOutputs.GridPng)).Length > 0);
    }

    [Fact]
    public void Run_RejectsASingleClassLabelColumn()
    {
        string[] same = Enumerable.Repeat("only", Synthetic.Count).ToArray();
        ActivationSet relabelled = Synthetic.WithColumn(new StringColumn("constant", same));

        var e = Assert.Throws<SaeLabException>(() => Prober.Run(relabelled, new ProbeConfig { LabelKey = "constant" }));

        Assert.Contains("single class", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Config_RejectsATestSizeOutsideZeroOne(double testSize)
    {
        var e = Assert.Throws<SettingException>(() => new ProbeConfig { TestSize = testSize }.Validate());

        Assert.Contains("--test-size", e.Message);
    }
}
