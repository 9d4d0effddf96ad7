using System.Numerics.Tensors;
using SaeLab.Data;
using SaeLab.Sae;
using SaeLab.Settings;
using SaeLab.Statistics;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Methods;

namespace SaeLab.Tests.Training.Methods;

/// <summary>The training methods inside whole training runs: each checked against an equivalent run or an invariant.</summary>
public sealed class TrainingMethodsTrainingTests
{
    private static readonly SaeTrainingConfig Small = new() { Features = 12, Epochs = 2, BatchSize = 8, LearningRate = 1e-2, L1 = 1e-2, Seed = 3, Threads = 1 };

    private static readonly ActivationSet Data = SaeTrainerTests.Synthetic(count: 40, dim: 6, seed: 21);

    [Fact]
    public void NormalizedInputs_TrainAsThePreScaledDataWould_AndTheFoldedSaeTakesRawVectors()
    {
        TrainingResult normalized = SaeTrainer.Train(Data, Small with { Methods = new TrainingMethods { NormalizeInputs = true } });
        float scale = normalized.Methods!.InputScale!.Value;
        var rows = Enumerable.Range(0, Data.Count).ToArray();
        Assert.Equal(InputNormalization.ScaleFor(Data.Values, rows, Data.Dim), scale);
        double meanSquaredNorm = rows.Average(r => TensorPrimitives.SumOfSquares(Data.Row(r)) * (double)scale * scale);
        Assert.Equal(1.0, meanSquaredNorm, 1e-5);

        var prescaled = new ActivationSet([.. Data.Values.Select(x => x * scale)], Data.Count, Data.Dim, [], "prescaled");
        TrainingResult reference = SaeTrainer.Train(prescaled, Small);

        Assert.Equal(reference.Epochs.Select(e => e.Loss), normalized.Epochs.Select(e => e.Loss));
        Assert.Equal(reference.Sae.WEnc, normalized.Sae.WEnc);
        Assert.Equal(reference.Sae.WDec, normalized.Sae.WDec);
        AssertClose(reference.Sae.BDec.Select(b => b / scale), normalized.Sae.BDec);
        AssertClose(((ReluSae)reference.Sae).BEnc.Select(b => b / scale), ((ReluSae)normalized.Sae).BEnc);
    }

    [Fact]
    public void LearningRateWarmup_FirstStepIsTheStepOfTheScaledRate()
    {
        var oneStep = Small with { Epochs = 1, BatchSize = Data.Count };
        TrainingResult warm = SaeTrainer.Train(Data, oneStep with { Methods = new TrainingMethods { LrWarmupSteps = 4 } });
        TrainingResult quarter = SaeTrainer.Train(Data, oneStep with { LearningRate = oneStep.LearningRate / 4 });
        Assert.Equal(quarter.Sae.WEnc, warm.Sae.WEnc);
        Assert.Equal(quarter.Sae.WDec, warm.Sae.WDec);
    }

    [Fact]
    public void L1Warmup_FirstStepIsTheStepOfTheScaledCoefficient()
    {
        var oneStep = Small with { Epochs = 1, BatchSize = Data.Count };
        TrainingResult warm = SaeTrainer.Train(Data, oneStep with { Methods = new TrainingMethods { L1WarmupSteps = 4 } });
        TrainingResult quarter = SaeTrainer.Train(Data, oneStep with { L1 = oneStep.L1 / 4 });
        Assert.Equal(quarter.Epochs[0].Sparsity, warm.Epochs[0].Sparsity);
        Assert.Equal(quarter.Sae.WEnc, warm.Sae.WEnc);
    }

    [Theory]
    [MemberData(nameof(ArchitectureConfigs.Trainable), MemberType = typeof(ArchitectureConfigs))]
    public void UnitNormDecoder_KeepsEveryRowAtUnitNorm_InEveryArchitecture(string architecture)
    {
        var config = (Small with { K = 3 }).ForArchitecture(architecture) with
        {
            Methods = new TrainingMethods { UnitNormDecoder = true, MaxGradNorm = 1, LrWarmupSteps = 2, LrDecaySteps = 3 },
        };
        TrainingResult result = SaeTrainer.Train(Data, config);
        for (int f = 0; f < result.Sae.DSae; f++)
        {
            Assert.Equal(1f, TensorPrimitives.Norm(result.Sae.WDec.AsSpan(f * Data.Dim, Data.Dim)), 1e-5f);
        }

        Assert.True(double.IsFinite(result.Epochs[^1].Loss));
    }

    [Theory]
    [InlineData("zeros")]
    [InlineData("mean")]
    [InlineData("geometric_median")]
    public void DecoderBiasInit_StartsAtTheStatisticOfTheVectors(string method)
    {
        var config = Small with { Methods = new TrainingMethods { BDecInit = method } };
        var step = TrainingMethodsStep.Wrap(
            SaeLab.Training.Architectures.SaeArchitectures.Create(config, Data.Dim, 12, 8, new Random(0)),
            config, 10, 8, new TrainingVectors(Data.Values, [.. Enumerable.Range(0, Data.Count)], Data.Dim));

        double[] expected = method switch
        {
            "zeros" => new double[Data.Dim],
            "mean" => ColumnMeans.Of(Data.Values, Data.Count, Data.Dim),
            _ => GeometricMedian.Compute(Data.Values, Data.Dim),
        };
        AssertClose(expected.Select(x => (float)x), step.Model.BDec);
    }

    [Fact]
    public void L1DecoderNorm_TrainsTheReluStepWithTheWeightedPenalty()
    {
        var oneStep = Small with { Epochs = 1, BatchSize = Data.Count };
        TrainingResult result = SaeTrainer.Train(Data, oneStep with { Methods = new TrainingMethods { L1DecoderNorm = true } });

        var random = new Random(oneStep.Seed);
        var sae = new ReluSae(Data.Dim, 12);
        PyTorchLinearInit.Initialize(sae, random);
        int[] rows = [.. Enumerable.Range(0, Data.Count)];
        random.Shuffle(rows);
        BatchLoss loss = new ReluSaeTrainingStep(sae, oneStep.L1, oneStep.LearningRate, Data.Count, weightL1ByDecoderNorm: true).Step(Data.Values, rows);

        Assert.Equal(loss.Sparsity, result.Epochs[0].Sparsity);
        Assert.Equal(sae.WDec, result.Sae.WDec);
        Assert.NotEqual(SaeTrainer.Train(Data, oneStep).Epochs[0].Sparsity, loss.Sparsity);
    }

    [Fact]
    public void MethodsThatNeedTheVectors_AreRefusedWithoutThem()
    {
        var config = Small with { Methods = new TrainingMethods { NormalizeInputs = true } };
        var error = Assert.Throws<ArgumentNullException>(() => TrainingMethodsStep.Wrap(
            SaeLab.Training.Architectures.SaeArchitectures.Create(config, Data.Dim, 12, 8, new Random(0)), config, 10, 8, vectors: null));
        Assert.Contains("normalised inputs", error.Message);
    }

    [Fact]
    public void Resampling_RevivesDeadFeatures_AndIsLogged()
    {
        // A large l1 kills most features within the first epoch; resampling every 5 steps brings them back.
        var config = Small with { Epochs = 6, L1 = 3, DeadTokens = 16 };
        TrainingResult without = SaeTrainer.Train(Data, config);
        TrainingResult with = SaeTrainer.Train(Data, config with { Methods = new TrainingMethods { ResampleEvery = 5 } });

        Assert.NotEmpty(with.Methods!.Resamplings);
        Assert.All(with.Methods.Resamplings, e => Assert.InRange(e.Resampled, 1, e.Dead));
        Assert.Empty(without.Methods!.Resamplings);
        Assert.True(with.Epochs[^1].L0 > without.Epochs[^1].L0, $"L0 {without.Epochs[^1].L0} -> {with.Epochs[^1].L0}");
    }

    [Fact]
    public void Validation_NamesTheOption()
    {
        Assert.Contains("--b-dec-init", Invalid(Small with { Methods = new TrainingMethods { BDecInit = "median" } }));
        Assert.Contains("--l1-warmup-steps", Invalid(Small with { Architecture = "topk", K = 2, Methods = new TrainingMethods { L1WarmupSteps = 5 } }));
        Assert.Contains("--resample-every", Invalid(Small with { Methods = new TrainingMethods { ResampleEvery = -1 } }));
        Assert.Contains("--max-grad-norm", Invalid(Small with { Methods = new TrainingMethods { MaxGradNorm = 0 } }));
        Assert.Contains("--l1-decoder-norm replaces --unit-norm-decoder", Invalid(Small with { Methods = new TrainingMethods { L1DecoderNorm = true, UnitNormDecoder = true } }));
        Assert.Contains("--l1-decoder-norm trains --arch relu only", Invalid(Small with { Architecture = "gated", Methods = new TrainingMethods { L1DecoderNorm = true } }));
        Assert.Contains("--lr-decay-steps", Invalid(Small with { Methods = new TrainingMethods { LrDecaySteps = -1 } }));

        static string Invalid(SaeTrainingConfig config) => Assert.Throws<SettingException>(config.Validate).Message;
    }

    private static void AssertClose(IEnumerable<float> expected, float[] actual)
    {
        float[] e = [.. expected];
        Assert.Equal(e.Length, actual.Length);
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - actual[i]) <= 1e-5f * (1 + Math.Abs(e[i])), $"[{i}] {e[i]} vs {actual[i]}");
        }
    }
}
