using SaeLab.Numerics;
using SaeLab.Tests.Training;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Kernels;

namespace SaeLab.Tests.Architectures;

/// <summary>
/// The sparse path of the dictionary architectures against their dense path (its oracle) at a size where the by-feature
/// kernels split across threads; finite differences check each path on a small problem (<see cref="ArchitectureGradientTests"/>).
/// </summary>
public sealed class DictionarySparsePathTests
{
    // 64 × 384 codes, k = 24: 1536 active codes of d = 96 each, enough work for the passes to use two threads.
    private const int D = 96, M = 384, Batch = 64, K = 24;

    private static readonly SaeTrainingConfig Config = new()
    {
        Features = M,
        K = K,
        L1 = 1e-3,
        DeadTokens = 1,
        AuxKCoefficient = 0.5,
        Bandwidth = 0.1,
        InitialThreshold = 0.05,
    };

    public static TheoryData<string> Architectures =>
        [TopKTrainingStep.Name, BatchTopKTrainingStep.Name, MatryoshkaTrainingStep.Name, JumpReluTrainingStep.Name, GatedTrainingStep.Name];

    [Theory]
    [MemberData(nameof(Architectures))]
    public void SparseGradients_MatchTheDenseOnes(string architecture)
    {
        float[][] dense = Gradients(architecture, TrainingPath.Dense, out BatchLoss denseLoss);
        float[][] sparse = Gradients(architecture, TrainingPath.Sparse, out BatchLoss sparseLoss);

        Assert.Equal(denseLoss.ActiveCodes, sparseLoss.ActiveCodes);
        Assert.Equal(denseLoss.Reconstruction, sparseLoss.Reconstruction, 1e-5 * denseLoss.Reconstruction);
        Assert.Equal(denseLoss.Sparsity, sparseLoss.Sparsity, 1e-5 * Math.Max(denseLoss.Sparsity, 1e-9));
        for (int p = 0; p < dense.Length; p++)
        {
            float scale = dense[p].Max(MathF.Abs);
            for (int i = 0; i < dense[p].Length; i++)
            {
                Assert.True(MathF.Abs(dense[p][i] - sparse[p][i]) <= 1e-4f * scale, $"{architecture}: parameter {p}, element {i}: {dense[p][i]} vs {sparse[p][i]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void SparseSteps_DoNotDependOnTheThreadCount(string architecture)
    {
        float[] one = Train(architecture, threads: 1);
        Assert.Equal(one, Train(architecture, threads: 2));
    }

    private static float[][] Gradients(string architecture, TrainingPath path, out BatchLoss loss)
    {
        DictionaryTrainingStep step = Prepare(architecture, path, out float[] x);
        x.AsSpan(0, Batch * D).CopyTo(step.Inputs);
        loss = step.ComputeGradients(Batch);
        Assert.Equal(path, step.LastPath);
        if (step is TopKFamilyTrainingStep topK)
        {
            Assert.True(loss.Sparsity > 0, "AuxK is active");
            Assert.Contains(true, Enumerable.Range(0, M).Select(topK.AuxK.Dead.IsDead));
        }

        return [.. step.Gradients.Select(g => g.ToArray())];
    }

    private static float[] Train(string architecture, int threads)
    {
        DictionaryTrainingStep step = Prepare(architecture, TrainingPath.Sparse, out float[] x, threads);
        for (int s = 0; s < 3; s++)
        {
            step.Step(x, [.. Enumerable.Range(s * 7, Batch)]);
        }

        return [.. step.Parameters.SelectMany(p => p)];
    }

    private static DictionaryTrainingStep Prepare(string architecture, TrainingPath path, out float[] x, int? threads = null)
    {
        var random = new Random(3);
        var step = (DictionaryTrainingStep)SaeArchitectures.Create(Config.ForArchitecture(architecture) with { Threads = threads }, D, M, Batch, random);
        Assert.Equal(threads ?? ComputeContext.Current.Threads, step.Compute.Threads);
        step.ForcedPath = path;
        x = [.. Enumerable.Range(0, (Batch + 21) * D).Select(_ => (float)(2 * random.NextDouble() - 1))];
        if (step is GatedTrainingStep)
        {
            // Close most gates, so the gate pattern is sparse as it is in training.
            Array.Fill(step.Parameters[3], -0.6f);
        }

        return step;
    }
}
