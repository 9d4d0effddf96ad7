using SaeLab.GroundTruth;
using SaeLab.Sae;
using SaeLab.Synthetic;

namespace SaeLab.Tests.GroundTruth;

public sealed class GroundTruthRecoveryTests
{
    private static readonly SyntheticDataset Data = SyntheticActivationGenerator.Generate(
        new SyntheticConfig { Problems = 3, Dim = 24, TrueFeatures = 40, ActivePerVector = 3, Seed = 4 });

    [Fact]
    public void DecoderThatIsTheTrueDictionary_RecoversEverything()
    {
        ReluSae sae = SaeWithRows(Data.TrueDirections, Data.TrueFeatureCount, scale: 3f);

        GroundTruthRecoveryResult result = GroundTruthRecovery.Measure(sae, Data.TrueDirections, Data.TrueFeatureCount);

        Assert.Equal(1.0, result.MeanMaxCosineTrue, 1e-5);
        Assert.Equal(1.0, result.MeanMaxCosineLearned, 1e-5);
        Assert.Equal(1.0, result.FractionRecovered);
        Assert.Equal(Enumerable.Range(0, 40), result.BestLearnedPerTrue);
    }

    [Fact]
    public void PermutedRows_StillRecoverEverything_AndPointToTheirNewIndex()
    {
        int[] permutation = Enumerable.Range(0, 40).Reverse().ToArray();
        float[] rows = permutation.SelectMany(f => Data.TrueDirections.AsSpan(f * 24, 24).ToArray()).ToArray();

        GroundTruthRecoveryResult result = GroundTruthRecovery.Measure(SaeWithRows(rows, 40), Data.TrueDirections, 40);

        Assert.Equal(1.0, result.MeanMaxCosineTrue, 1e-5);
        Assert.Equal(39, result.BestLearnedPerTrue[0]);
    }

    [Fact]
    public void FlippedRows_AreNotRecovered_UnlessSignIsIgnored()
    {
        float[] rows = Data.TrueDirections.ToArray();
        System.Numerics.Tensors.TensorPrimitives.Negate(rows.AsSpan(0, 10 * 24), rows.AsSpan(0, 10 * 24));
        ReluSae sae = SaeWithRows(rows, 40);

        GroundTruthRecoveryResult signed = GroundTruthRecovery.Measure(sae, Data.TrueDirections, 40);
        GroundTruthRecoveryResult unsigned = GroundTruthRecovery.Measure(sae, Data.TrueDirections, 40, ignoreSign: true);

        Assert.Equal(0.75, signed.FractionRecovered);
        Assert.True(signed.MeanMaxCosineTrue < 0.95);
        Assert.Equal(1.0, unsigned.FractionRecovered);
    }

    [Fact]
    public void RandomDecoder_RecoversLittle_AndExtraRowsLowerOnlyTheLearnedSide()
    {
        var random = new Random(1);
        float[] noise = Enumerable.Range(0, 40 * 24).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] truthPlusNoise = [.. Data.TrueDirections, .. noise];

        GroundTruthRecoveryResult random40 = GroundTruthRecovery.Measure(SaeWithRows(noise, 40), Data.TrueDirections, 40);
        GroundTruthRecoveryResult doubled = GroundTruthRecovery.Measure(SaeWithRows(truthPlusNoise, 80), Data.TrueDirections, 40);

        Assert.True(random40.FractionRecovered < 0.1);
        Assert.Equal(1.0, doubled.MeanMaxCosineTrue, 1e-5);
        Assert.True(doubled.MeanMaxCosineLearned < 0.9);
    }

    [Fact]
    public void RandomDictionaryBaseline_DependsOnlyOnTheShape_AndSitsBelowATrueDecoder()
    {
        var random = new Random(1);
        float[] noise = Enumerable.Range(0, 40 * 24).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();

        GroundTruthRecoveryResult perfect = GroundTruthRecovery.Measure(SaeWithRows(Data.TrueDirections, 40), Data.TrueDirections, 40);
        GroundTruthRecoveryResult noisy = GroundTruthRecovery.Measure(SaeWithRows(noise, 40), Data.TrueDirections, 40);

        Assert.Equal(perfect.RandomDictionary, noisy.RandomDictionary);
        Assert.InRange(perfect.RandomDictionary.MeanMaxCosineTrue, 0.2, 0.8);
        Assert.True(perfect.RandomDictionary.FractionRecovered < 0.1);
    }

    [Fact]
    public void RandomDictionaryBaseline_OnASyntheticDataset_IsChanceNotItsOwnTruth()
    {
        // A random direction's best cosine with 256 others in 64 dimensions is about √(2 ln 256 / 64) ≈ 0.42.
        SyntheticDataset data = SyntheticActivationGenerator.Generate(new SyntheticConfig { Problems = 3, Dim = 64, TrueFeatures = 256, Seed = 0 });

        GroundTruthRecoveryResult result = GroundTruthRecovery.Measure(SaeWithRows(data.TrueDirections, 256, dim: 64), data.TrueDirections, 256);

        Assert.InRange(result.RandomDictionary.MeanMaxCosineTrue, 0.3, 0.5);
    }

    [Fact]
    public void RandomDictionaryBaseline_InOneDimension_MatchesBothSigns()
    {
        // In one dimension every unit row is +1 or −1, so forty random rows hold both signs and match both true features exactly.
        float[] truth = [1f, -1f];

        GroundTruthRecoveryResult result = GroundTruthRecovery.MeasureDirections(new float[40].Select(_ => 1f).ToArray(), 40, truth, 2, dim: 1);

        Assert.Equal(0.5, result.FractionRecovered);
        Assert.Equal(1.0, result.RandomDictionary.FractionRecovered);
        Assert.Equal(1.0, result.RandomDictionary.MeanMaxCosineTrue, 1e-6);
    }

    private static ReluSae SaeWithRows(float[] rows, int count, float scale = 1f, int dim = 24)
    {
        var sae = new ReluSae(dim, count);
        System.Numerics.Tensors.TensorPrimitives.Multiply(rows.AsSpan(0, count * dim), scale, sae.WDec);
        return sae;
    }
}
