using SaeLab.Data;

namespace SaeLab.Probing.CrossValidation;

/// <summary>
/// scikit-learn's <c>RepeatedStratifiedKFold(n_splits, n_repeats, random_state=seed)</c>, reproduced exactly
/// (scikit-learn 1.2, <c>sklearn/model_selection/_split.py</c>: <c>_RepeatedSplits.split</c> and
/// <c>StratifiedKFold._make_test_folds</c> with <c>shuffle=True</c>): classes are numbered in order of first
/// appearance, each fold's per-class count comes from dealing the class-sorted labels round robin, and each
/// class's fold numbers are shuffled by one numpy <c>RandomState</c> shared by all repeats.
/// </summary>
public static class RepeatedStratifiedKFold
{
    /// <summary>
    /// Test-fold number (0..folds−1) of every sample, one array per repeat; sample i is labelled
    /// <paramref name="labels"/>[i] (any class numbering).
    /// </summary>
    public static int[][] TestFolds(IReadOnlyList<int> labels, int folds, int repeats, uint seed)
    {
        int[] encoded = EncodeByFirstAppearance(labels, out int classCount);
        int[] counts = new int[classCount];
        foreach (int c in encoded)
        {
            counts[c]++;
        }

        if (counts.Min() < folds)
        {
            throw new SaeLabException(
                $"--cv {folds} needs at least {folds} samples of every class; class sizes are {string.Join(", ", counts)}");
        }

        int[,] allocation = Allocation(counts, folds);
        var rng = new NumpyRandomState(seed);
        var result = new int[repeats][];
        for (int r = 0; r < repeats; r++)
        {
            int[] testFold = new int[encoded.Length];
            for (int c = 0; c < classCount; c++)
            {
                // np.arange(n_splits).repeat(allocation[:, k]), then rng.shuffle.
                int[] foldsForClass = Enumerable.Range(0, folds).SelectMany(f => Enumerable.Repeat(f, allocation[f, c])).ToArray();
                rng.Shuffle<int>(foldsForClass);
                int next = 0;
                for (int i = 0; i < encoded.Length; i++)
                {
                    if (encoded[i] == c)
                    {
                        testFold[i] = foldsForClass[next++];
                    }
                }
            }

            result[r] = testFold;
        }

        return result;
    }

    /// <summary>The train/test split of fold <paramref name="fold"/>: test = samples in that fold, train = the rest, both ascending.</summary>
    public static TrainTestSplit Split(int[] testFolds, int fold) => new(
        Enumerable.Range(0, testFolds.Length).Where(i => testFolds[i] != fold).ToArray(),
        Enumerable.Range(0, testFolds.Length).Where(i => testFolds[i] == fold).ToArray());

    /// <summary>
    /// <c>allocation[f, c]</c> = samples of class c in test fold f: <c>np.bincount(np.sort(y)[f::n_splits])</c>.
    /// </summary>
    private static int[,] Allocation(int[] counts, int folds)
    {
        int[,] allocation = new int[folds, counts.Length];
        int position = 0;
        for (int c = 0; c < counts.Length; c++)
        {
            for (int j = 0; j < counts[c]; j++, position++)
            {
                allocation[position % folds, c]++;
            }
        }

        return allocation;
    }

    private static int[] EncodeByFirstAppearance(IReadOnlyList<int> labels, out int classCount)
    {
        var index = new Dictionary<int, int>();
        int[] encoded = new int[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            if (!index.TryGetValue(labels[i], out int c))
            {
                c = index.Count;
                index[labels[i]] = c;
            }

            encoded[i] = c;
        }

        classCount = index.Count;
        return encoded;
    }
}
