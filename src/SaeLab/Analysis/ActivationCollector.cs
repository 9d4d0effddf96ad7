namespace SaeLab.Analysis;

/// <summary>
/// Per feature, batch by batch over the codes: the sum of its activations where it fires (for the mean), its
/// <c>top</c> strongest vectors (a bounded list, replacing the weakest), and a uniform reservoir sample (Vitter's
/// Algorithm R) of at most <see cref="FeatureDetail.SampleCapacity"/> of its activations for the histogram and
/// quantile bands. Memory is O(DSae × (top + capacity)) however many vectors there are; with <c>top</c> = 0
/// only the sums are kept; arrays are allocated for the features that fire.
/// </summary>
internal sealed class ActivationCollector
{
    private readonly int _dSae;
    private readonly double _threshold;
    private readonly int _top;
    private readonly int _capacity;
    private readonly double[] _sums;
    private readonly int[] _seen;
    private readonly Entry[][] _best;
    private readonly int[] _bestCount;
    private readonly Entry[][] _samples;
    private readonly Random _random = new(0);

    public ActivationCollector(int dSae, double threshold, int top)
    {
        _dSae = dSae;
        _threshold = threshold;
        _top = top;
        _capacity = top > 0 ? FeatureDetail.SampleCapacity : 0;
        _sums = new double[dSae];
        _seen = new int[dSae];
        _best = new Entry[top > 0 ? dSae : 0][];
        _bestCount = new int[dSae];
        _samples = new Entry[top > 0 ? dSae : 0][];
    }

    /// <summary>Adds the codes [rows, DSae] of vectors firstRow … firstRow + rows − 1.</summary>
    public void Add(int firstRow, int rows, ReadOnlySpan<float> codes)
    {
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> z = codes.Slice(i * _dSae, _dSae);
            for (int f = 0; f < _dSae; f++)
            {
                if (Math.Abs(z[f]) > _threshold)
                {
                    _sums[f] += z[f];
                    if (_top > 0)
                    {
                        var example = new Entry(firstRow + i, z[f]);
                        KeepIfStrong(f, example);
                        Sample(f, example);
                    }

                    _seen[f]++;
                }
            }
        }
    }

    /// <summary>Mean activation of <paramref name="feature"/> over the vectors it fires on; 0 when it never fires.</summary>
    public double MeanActivation(int feature) => _seen[feature] > 0 ? _sums[feature] / _seen[feature] : 0;

    /// <summary>The strongest vectors of <paramref name="feature"/>, strongest first (ties: lower vector first).</summary>
    public FeatureExample[] Top(int feature) =>
        _best[feature] is { } best
            ? best.Take(_bestCount[feature]).OrderByDescending(e => e.Activation).ThenBy(e => e.Vector).Select(e => e.ToExample()).ToArray()
            : [];

    /// <summary>The sampled activations of <paramref name="feature"/>, weakest first (ties: lower vector first).</summary>
    public FeatureExample[] SampleAscending(int feature) =>
        _samples[feature] is { } samples
            ? samples.Take(Math.Min(_seen[feature], _capacity)).OrderBy(e => e.Activation).ThenBy(e => e.Vector).Select(e => e.ToExample()).ToArray()
            : [];

    private void KeepIfStrong(int feature, Entry example)
    {
        Entry[] best = _best[feature] ??= new Entry[_top];
        if (_bestCount[feature] < _top)
        {
            best[_bestCount[feature]++] = example;
            return;
        }

        // Rows arrive in order, so on a tie the kept (earlier) vector wins.
        int weakest = 0;
        for (int k = 1; k < _top; k++)
        {
            if (best[k].Activation < best[weakest].Activation || (best[k].Activation == best[weakest].Activation && best[k].Vector > best[weakest].Vector))
            {
                weakest = k;
            }
        }

        if (example.Activation > best[weakest].Activation)
        {
            best[weakest] = example;
        }
    }

    private void Sample(int feature, Entry example)
    {
        Entry[] samples = _samples[feature] ??= new Entry[_capacity];
        int seen = _seen[feature];
        if (seen < _capacity)
        {
            samples[seen] = example;
            return;
        }

        int slot = _random.Next(seen + 1);
        if (slot < _capacity)
        {
            samples[slot] = example;
        }
    }

    /// <summary>A kept activation, stored inline in the per-feature arrays (one allocation per feature, not per firing).</summary>
    private readonly record struct Entry(int Vector, float Activation)
    {
        public FeatureExample ToExample() => new(Vector, Activation);
    }
}
