namespace SaeLab.Data;

/// <summary>
/// scikit-learn's <c>train_test_split(..., test_size, random_state=seed, stratify=y)</c>, reproduced exactly so
/// that SaeLab's test set is the seed's: the sizes of <c>_validate_shuffle_split</c>, the per-class allocation of
/// <c>_approximate_mode</c> and the draw order of <c>StratifiedShuffleSplit._iter_indices</c> (scikit-learn 1.2,
/// <c>sklearn/model_selection/_split.py</c> and <c>sklearn/utils/extmath.py</c>), on numpy's legacy MT19937.
/// </summary>
public static class StratifiedSplit
{
    /// <summary>
    /// Splits samples labelled <paramref name="classIndex"/> (0..classCount−1, classes in sorted order as
    /// <c>np.unique</c> gives them) into train and test index lists, in scikit-learn's order.
    /// </summary>
    public static TrainTestSplit Split(IReadOnlyList<int> classIndex, int classCount, double testSize, uint seed)
    {
        int n = classIndex.Count;
        int nTest = (int)Math.Ceiling(testSize * n);
        int nTrain = n - nTest;
        int[] counts = new int[classCount];
        foreach (int c in classIndex)
        {
            counts[c]++;
        }

        Validate(counts, nTrain, nTest, testSize);

        // np.argsort(y_indices, kind="mergesort") split by class: each class's samples in index order.
        int[][] members = Enumerable.Range(0, classCount)
            .Select(c => Enumerable.Range(0, n).Where(i => classIndex[i] == c).ToArray())
            .ToArray();
        var rng = new NumpyRandomState(seed);
        int[] trainPerClass = ApproximateMode(counts, nTrain, rng);
        int[] testPerClass = ApproximateMode(counts.Select((count, c) => count - trainPerClass[c]).ToArray(), nTest, rng);
        var train = new List<int>(nTrain);
        var test = new List<int>(nTest);
        for (int c = 0; c < classCount; c++)
        {
            int[] order = rng.Permutation(counts[c]);
            int[] shuffled = order.Select(i => members[c][i]).ToArray();
            train.AddRange(shuffled.Take(trainPerClass[c]));
            test.AddRange(shuffled.Skip(trainPerClass[c]).Take(testPerClass[c]));
        }

        int[] trainOrder = [.. train];
        int[] testOrder = [.. test];
        rng.Shuffle<int>(trainOrder);
        rng.Shuffle<int>(testOrder);
        return new TrainTestSplit(trainOrder, testOrder);
    }

    /// <summary>
    /// <c>_approximate_mode</c>: the most likely per-class draw of <paramref name="draws"/> samples without
    /// replacement; classes tied on the fractional remainder get the leftover draws at random.
    /// </summary>
    private static int[] ApproximateMode(int[] counts, int draws, NumpyRandomState rng)
    {
        double total = counts.Sum();
        double[] continuous = counts.Select(c => c / total * draws).ToArray();
        double[] floored = continuous.Select(Math.Floor).ToArray();
        int needToAdd = (int)(draws - floored.Sum());
        if (needToAdd > 0)
        {
            double[] remainder = continuous.Select((v, i) => v - floored[i]).ToArray();
            foreach (double value in remainder.Distinct().OrderByDescending(v => v))
            {
                int[] tied = Enumerable.Range(0, counts.Length).Where(i => remainder[i] == value).ToArray();
                int addNow = Math.Min(tied.Length, needToAdd);
                // rng.choice(inds, size=addNow, replace=False) is permutation(len(inds))[:addNow] in legacy numpy.
                foreach (int pick in rng.Permutation(tied.Length).Take(addNow))
                {
                    floored[tied[pick]] += 1;
                }

                needToAdd -= addNow;
                if (needToAdd == 0)
                {
                    break;
                }
            }
        }

        return floored.Select(v => (int)v).ToArray();
    }

    private static void Validate(int[] counts, int nTrain, int nTest, double testSize)
    {
        if (counts.Any(c => c < 2))
        {
            throw new SaeLabException(
                $"stratified split needs at least 2 samples of every class; class sizes are {string.Join(", ", counts)}");
        }

        if (nTrain < counts.Length || nTest < counts.Length)
        {
            throw new SaeLabException(
                $"--test-size {testSize} gives {nTrain} train and {nTest} test samples; both need at least one per class ({counts.Length})");
        }
    }
}
