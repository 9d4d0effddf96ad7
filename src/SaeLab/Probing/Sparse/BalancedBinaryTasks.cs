using SaeLab.Data;

namespace SaeLab.Probing.Sparse;

/// <summary>
/// SAEBench's binary tasks from one multiclass label (<c>sae_bench/evals/sparse_probing/probe_training.py</c>,
/// <c>prepare_probe_data</c>, applied to the train and the test set separately): for each class, its samples are the
/// positives, and from each of the other K − 1 classes ⌈positives / (K − 1)⌉ samples are drawn at random (all of a
/// class that has fewer); of those pooled candidates exactly as many as there are positives are kept at random, so
/// every task is 50/50 and chance is 0.5. SAEBench builds the tasks inside per-class train and test pools of fixed
/// size; SaeLab's pools are the probe's stratified split, so a problem is tested in no task it trained in.
/// </summary>
public static class BalancedBinaryTasks
{
    /// <summary>One task per class of <paramref name="labels"/> (in class order), within <paramref name="split"/>'s parts.</summary>
    /// <param name="labels">The multiclass labels of every sample.</param>
    /// <param name="split">The pools: tasks draw training samples from <c>Train</c> only and test samples from <c>Test</c> only.</param>
    /// <param name="seed">Seed of the negatives' draw (numpy's legacy MT19937; one stream for all tasks, train before test).</param>
    public static BinaryProbeTask[] Build(EncodedLabels labels, TrainTestSplit split, int seed)
    {
        var rng = new NumpyRandomState((uint)seed);
        return labels.Classes.Select((positive, c) =>
        {
            Part train = Balance(labels, split.Train, c, rng, "training");
            Part test = Balance(labels, split.Test, c, rng, "test");
            return new BinaryProbeTask(positive, train.Samples, test.Samples, train.NegativesPerClass, test.NegativesPerClass);
        }).ToArray();
    }

    /// <summary>The positives of class <paramref name="c"/> in <paramref name="pool"/>, then as many negatives drawn as SAEBench draws them.</summary>
    private static Part Balance(EncodedLabels labels, int[] pool, int c, NumpyRandomState rng, string part)
    {
        int[] positives = [.. pool.Where(i => labels.Y[i] == c)];
        int others = labels.Classes.Length - 1;
        int perClass = (positives.Length + others - 1) / others;
        var candidates = new List<(int Sample, int Class)>();
        for (int o = 0; o < labels.Classes.Length; o++)
        {
            if (o == c)
            {
                continue;
            }

            // torch.randperm(len(class))[:samples_per_class]: a random subset, all of the class when it is smaller.
            int[] members = [.. pool.Where(i => labels.Y[i] == o)];
            candidates.AddRange(rng.Permutation(members.Length).Take(perClass).Select(j => (members[j], o)));
        }

        if (candidates.Count < positives.Length)
        {
            throw new SaeLabException(
                $"SAEBench's sparse probing needs as many negatives as positives: class '{labels.Classes[c]}' has {positives.Length} {part} problems, "
                + $"but ⌈{positives.Length}/{others}⌉ = {perClass} from each other class gives only {candidates.Count}; balance the classes or use --k-sparse-protocol multiclass");
        }

        // torch.randperm(len(candidates))[:num_positive]: trims the pooled draw to exactly one negative per positive.
        (int Sample, int Class)[] negatives = [.. rng.Permutation(candidates.Count).Take(positives.Length).Select(j => candidates[j])];
        var perClassCounts = labels.Classes.Where((_, o) => o != c)
            .ToDictionary(name => name, name => negatives.Count(n => labels.Classes[n.Class] == name), StringComparer.Ordinal);
        return new Part([.. positives, .. negatives.Select(n => n.Sample)], perClassCounts);
    }

    /// <summary>One part (train or test) of a task: its sample indices and the negatives taken from each other class.</summary>
    private sealed record Part(int[] Samples, IReadOnlyDictionary<string, int> NegativesPerClass);
}
