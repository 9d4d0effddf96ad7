namespace SaeLab.Data;

/// <summary>
/// numpy's legacy <c>RandomState</c> (MT19937) as far as scikit-learn's stratified split uses it: integer seeding,
/// <c>permutation</c> and <c>shuffle</c> of 1-d arrays, bit-for-bit. Sources: numpy 1.24
/// <c>numpy/random/src/mt19937/mt19937.c</c> (<c>mt19937_seed</c>, <c>mt19937_gen</c>),
/// <c>numpy/random/src/distributions/distributions.c</c> (<c>random_interval</c>) and
/// <c>numpy/random/mtrand.pyx</c> (<c>shuffle</c>: Fisher–Yates from the last element down).
/// </summary>
public sealed class NumpyRandomState
{
    private const int StateLength = 624;
    private const int Shift = 397;
    private readonly uint[] _key = new uint[StateLength];
    private int _position;

    /// <summary><c>np.random.RandomState(seed)</c> for a seed in [0, 2^32).</summary>
    public NumpyRandomState(uint seed)
    {
        // mt19937_seed: Knuth's initialisation (TAOCP vol. 2, 3rd ed., p. 106).
        for (int i = 0; i < StateLength; i++)
        {
            _key[i] = seed;
            seed = unchecked((1812433253u * (seed ^ (seed >> 30))) + (uint)i + 1);
        }

        _position = StateLength;
    }

    /// <summary>The next 32 random bits (<c>mt19937_next32</c>).</summary>
    public uint NextUInt32()
    {
        if (_position == StateLength)
        {
            Regenerate();
        }

        uint y = _key[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        return y ^ (y >> 18);
    }

    /// <summary>A uniform integer in [0, <paramref name="max"/>] by masked rejection (<c>random_interval</c>, max &lt; 2^32).</summary>
    public uint Interval(uint max)
    {
        if (max == 0)
        {
            return 0;
        }

        uint mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max)
        {
        }

        return value;
    }

    /// <summary><c>shuffle(values)</c> in place.</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i >= 1; i--)
        {
            int j = (int)Interval((uint)i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary><c>permutation(n)</c>: a shuffled 0..n−1.</summary>
    public int[] Permutation(int n)
    {
        int[] values = Enumerable.Range(0, n).ToArray();
        Shuffle<int>(values);
        return values;
    }

    private void Regenerate()
    {
        const uint upperMask = 0x80000000u, lowerMask = 0x7fffffffu, matrixA = 0x9908b0dfu;
        for (int i = 0; i < StateLength; i++)
        {
            uint y = (_key[i] & upperMask) | (_key[(i + 1) % StateLength] & lowerMask);
            _key[i] = _key[(i + Shift) % StateLength] ^ (y >> 1) ^ ((y & 1) != 0 ? matrixA : 0);
        }

        _position = 0;
    }
}
