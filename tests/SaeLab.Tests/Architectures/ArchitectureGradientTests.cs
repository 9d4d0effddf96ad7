using SaeLab.Sae;
using SaeLab.Tests.Training;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Kernels;

namespace SaeLab.Tests.Architectures;

public sealed class ArchitectureGradientTests
{
    private const int D = 5, M = 8, Batch = 4, K = 2;
    private const double L1 = 0.05;

    private static readonly SaeTrainingConfig Config = new() { Features = M, K = K, L1 = L1, DeadTokens = 1, AuxKCoefficient = 0.5 };

    /// <summary>SaeLab's earlier form of the dictionary architectures: the encoder on x, the squared error averaged over the dimensions.</summary>
    private static readonly SaeTrainingConfig EarlierForm = Config with { ApplyBDecToInput = false, MseReduction = "mean" };

    public static TheoryData<string, TrainingPath, bool> TopKFamilyCases()
    {
        var cases = new TheoryData<string, TrainingPath, bool>();
        foreach (string architecture in new[] { TopKTrainingStep.Name, BatchTopKTrainingStep.Name, MatryoshkaTrainingStep.Name })
        {
            foreach (TrainingPath path in new[] { TrainingPath.Dense, TrainingPath.Sparse })
            {
                cases.Add(architecture, path, true);
                cases.Add(architecture, path, false);
            }
        }

        return cases;
    }

    public static TheoryData<TrainingPath, bool> PathsAndForms() => new()
    {
        { TrainingPath.Dense, true }, { TrainingPath.Sparse, true }, { TrainingPath.Dense, false }, { TrainingPath.Sparse, false },
    };

    [Fact]
    public void DictionaryArchitectures_TrainInTheReferencesFormByDefault()
    {
        foreach (string architecture in SaeArchitectures.Names.Where(name => !SaeArchitectures.IsRelu(name)))
        {
            var step = (DictionaryTrainingStep)SaeArchitectures.Create(Config.ForArchitecture(architecture), D, M, Batch, new Random(1));
            Assert.True(step.Model.ApplyBDecToInput, architecture);
            Assert.True((Config.ForArchitecture(architecture)).ResolveSumsOverDimensions(), architecture);
            Assert.False(((DictionaryTrainingStep)SaeArchitectures.Create(EarlierForm.ForArchitecture(architecture), D, M, Batch, new Random(1))).Model.ApplyBDecToInput);
        }
    }

    [Theory]
    [MemberData(nameof(TopKFamilyCases))]
    public void TopKFamily_GradientsMatchFiniteDifferences(string architecture, TrainingPath path, bool referenceForm)
    {
        var step = (TopKFamilyTrainingStep)Prepare(architecture, out float[] x, referenceForm ? Config : EarlierForm);
        step.ForcedPath = path;

        BatchLoss loss = step.ComputeGradients(Batch);

        bool[] dead = [.. Enumerable.Range(0, M).Select(step.AuxK.Dead.IsDead)];
        Assert.Contains(true, dead);
        IReadOnlyList<int> prefixes = step is MatryoshkaTrainingStep matryoshka ? matryoshka.PrefixSizes : [M];
        Func<double[], double[]> select = architecture == TopKTrainingStep.Name ? pre => DoubleSae.PerRowTopK(pre, Batch, K) : pre => DoubleSae.BatchTopK(pre, Batch, K);
        double[] frozenResidual = Residual(step, x, select);
        double Loss() => TopKFamilyLoss(step, x, select, prefixes, dead, frozenResidual, referenceForm);

        Assert.Equal(Loss(), loss.Loss, 1e-5);
        Assert.True(loss.Sparsity > 0, "the AuxK loss is active");
        DoubleSae.AssertGradients(step.Parameters, step.Gradients, Loss, Enumerable.Range(0, 4));
        Assert.Equal(path, step.LastPath);
    }

    [Theory]
    [MemberData(nameof(PathsAndForms))]
    public void JumpRelu_GradientsMatchFiniteDifferencesAndTheStraightThroughThresholdGradient(TrainingPath path, bool referenceForm)
    {
        var step = (JumpReluTrainingStep)Prepare(JumpReluTrainingStep.Name, out float[] x, (referenceForm ? Config : EarlierForm) with { Bandwidth = 0.4, InitialThreshold = 0.2 });
        var model = (JumpReluSae)step.Model;
        step.ForcedPath = path;

        BatchLoss loss = step.ComputeGradients(Batch);

        double Loss()
        {
            double[] pre = DoubleSae.Pre(model, x, Batch, model.BEnc);
            double[] z = [.. pre.Select((p, i) => p > model.Threshold[i % M] ? p : 0)];
            return DoubleSae.Reconstruction(DoubleSae.Decode(z, Batch, M, D, model.WDec, model.BDec, M), x, Batch, referenceForm) + L1 * z.Count(v => v != 0) / Batch;
        }

        Assert.Equal(Loss(), loss.Loss, 1e-5);
        DoubleSae.AssertGradients(step.Parameters, step.Gradients, Loss, Enumerable.Range(0, 4));
        double[] expected = ThresholdOracle(model, x, bandwidth: 0.4, squaredErrorWeight: referenceForm ? 1.0 / Batch : 1.0 / (Batch * D));
        Assert.Contains(expected, g => g != 0);
        double[] preActivations = DoubleSae.Pre(model, x, Batch, model.BEnc);
        Assert.Contains(preActivations.Select((p, i) => p - model.Threshold[i % M]), u => u > -0.2 && u <= 0);
        for (int f = 0; f < M; f++)
        {
            Assert.Equal(expected[f], step.Gradients[4][f], 1e-5);
        }

        Assert.Equal(path, step.LastPath);
    }

    [Theory]
    [MemberData(nameof(PathsAndForms))]
    public void Gated_GradientsMatchFiniteDifferencesWithAFrozenAuxiliaryDecoder(TrainingPath path, bool referenceForm)
    {
        var step = (GatedTrainingStep)Prepare(GatedTrainingStep.Name, out float[] x, referenceForm ? Config : EarlierForm);
        var model = (GatedSae)step.Model;
        step.ForcedPath = path;
        float[] frozenWDec = [.. model.WDec], frozenBDec = [.. model.BDec];

        BatchLoss loss = step.ComputeGradients(Batch);

        double Loss()
        {
            double[] pre = DoubleSae.Pre(model, x, Batch, null);
            double[] gates = [.. pre.Select((p, i) => Math.Max(p + model.BGate[i % M], 0))];
            double[] z = [.. pre.Select((p, i) => gates[i] > 0 ? Math.Max(p * Math.Exp(model.RMag[i % M]) + model.BMag[i % M], 0) : 0)];
            double penalty = 0;
            for (int i = 0; i < gates.Length; i++)
            {
                int f = i % M;
                penalty += gates[i] * Math.Sqrt(Enumerable.Range(0, D).Sum(j => (double)model.WDec[f * D + j] * model.WDec[f * D + j]));
            }

            return DoubleSae.Reconstruction(DoubleSae.Decode(z, Batch, M, D, model.WDec, model.BDec, M), x, Batch, referenceForm)
                + L1 * penalty / Batch
                + DoubleSae.Reconstruction(DoubleSae.Decode(gates, Batch, M, D, frozenWDec, frozenBDec, M), x, Batch, referenceForm);
        }

        Assert.Equal(Loss(), loss.Loss, 1e-5);
        DoubleSae.AssertGradients(step.Parameters, step.Gradients, Loss, Enumerable.Range(0, step.Parameters.Length));
        Assert.Equal(path, step.LastPath);
    }

    /// <summary>A step of <paramref name="architecture"/> with every parameter random (biases included) and a random batch in its inputs.</summary>
    private static DictionaryTrainingStep Prepare(string architecture, out float[] x, SaeTrainingConfig? config = null)
    {
        var random = new Random(11);
        var step = (DictionaryTrainingStep)SaeArchitectures.Create(
            (config ?? Config).ForArchitecture(architecture), D, M, Batch, random);
        foreach (float[] parameter in step.Parameters.Skip(2).Where(p => step is not JumpReluTrainingStep jump || p != jump.LogThreshold))
        {
            for (int i = 0; i < parameter.Length; i++)
            {
                parameter[i] = (float)(0.2 * (random.NextDouble() - 0.5));
            }
        }

        x = [.. Enumerable.Range(0, Batch * D).Select(_ => (float)(2 * random.NextDouble() - 1))];
        x.CopyTo(step.Inputs, 0);
        return step;
    }

    /// <summary>e = x − x̂ at the current weights: AuxK's constant target.</summary>
    private static double[] Residual(DictionaryTrainingStep step, float[] x, Func<double[], double[]> select)
    {
        double[] z = select(DoubleSae.Pre(step.Model, x, Batch, step.Parameters[3]));
        double[] reconstruction = DoubleSae.Decode(z, Batch, M, D, step.Model.WDec, step.Model.BDec, M);
        return [.. reconstruction.Select((r, i) => x[i] - r)];
    }

    private static double TopKFamilyLoss(
        DictionaryTrainingStep step, float[] x, Func<double[], double[]> select, IReadOnlyList<int> prefixes, bool[] dead, double[] residual, bool referenceForm)
    {
        DictionarySae model = step.Model;
        double[] pre = DoubleSae.Pre(model, x, Batch, step.Parameters[3]);
        double[] z = select(pre);

        // dictionary_learning's matryoshka loss: the mean over prefixes of 1/n-weighted terms.
        double prefixWeight = referenceForm ? 1.0 / (prefixes.Count * prefixes.Count) : 1;
        double loss = prefixWeight * prefixes.Sum(p => DoubleSae.Reconstruction(DoubleSae.Decode(z, Batch, M, D, model.WDec, model.BDec, p), x, Batch, referenceForm));
        int kAux = Math.Min(D / 2, dead.Count(v => v));
        var auxCodes = new double[pre.Length];
        for (int b = 0; b < Batch; b++)
        {
            double[] candidates = [.. Enumerable.Range(0, M).Select(f => dead[f] ? pre[b * M + f] : double.NegativeInfinity)];
            DoubleSae.TopK(candidates, kAux).CopyTo(auxCodes, b * M);
        }

        double[] auxReconstruction = DoubleSae.Decode(auxCodes, Batch, M, D, model.WDec, model.BDec, M, withBias: false);
        double error = auxReconstruction.Select((v, i) => (v - residual[i]) * (v - residual[i])).Sum();
        double spread = 0;
        for (int i = 0; i < D; i++)
        {
            double mean = Enumerable.Range(0, Batch).Average(b => residual[b * D + i]);
            spread += Enumerable.Range(0, Batch).Sum(b => (residual[b * D + i] - mean) * (residual[b * D + i] - mean));
        }

        return loss + Config.AuxKCoefficient * error / spread;
    }

    /// <summary>d log θ by the paper's pseudo-derivatives, from a double-precision forward pass.</summary>
    private static double[] ThresholdOracle(JumpReluSae model, float[] x, double bandwidth, double squaredErrorWeight)
    {
        double[] pre = DoubleSae.Pre(model, x, Batch, model.BEnc);
        double[] z = [.. pre.Select((p, i) => p > model.Threshold[i % M] ? p : 0)];
        double[] reconstruction = DoubleSae.Decode(z, Batch, M, D, model.WDec, model.BDec, M);
        var gradient = new double[M];
        for (int b = 0; b < Batch; b++)
        {
            for (int f = 0; f < M; f++)
            {
                double theta = model.Threshold[f];
                if (Math.Abs((pre[b * M + f] - theta) / bandwidth) >= 0.5)
                {
                    continue;
                }

                double dz = Enumerable.Range(0, D).Sum(i => 2 * (reconstruction[b * D + i] - x[b * D + i]) * squaredErrorWeight * model.WDec[f * D + i]);
                gradient[f] += theta * (-theta * dz - L1 / Batch) / bandwidth;
            }
        }

        return gradient;
    }
}
