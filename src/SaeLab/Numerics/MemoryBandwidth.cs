using System.Diagnostics;
using System.Numerics.Tensors;

namespace SaeLab.Numerics;

/// <summary>
/// Measures sustained main-memory bandwidth with the STREAM triad a[i] = b[i] + s·c[i] (McCalpin, "Memory
/// Bandwidth and Machine Balance", IEEE TCCA Newsletter 1995) over arrays far larger than the caches, split
/// across a context's threads (one core rarely saturates the memory controllers).
/// </summary>
public static class MemoryBandwidth
{
    /// <summary>Elements per array by default: 3 × 64 MiB, several times any current L3.</summary>
    public const int DefaultElements = 1 << 24;

    private const float Scalar = 3f;

    /// <summary>Runs the triad on <paramref name="compute"/>'s threads for at least <paramref name="seconds"/> after one warm-up pass.</summary>
    /// <exception cref="SaeLabException"><paramref name="seconds"/> is not positive or
    /// <paramref name="elements"/> is below 1.</exception>
    public static MemoryBandwidthResult Measure(ComputeContext compute, double seconds = 1.0, int elements = DefaultElements)
    {
        if (!(seconds > 0))
            throw new SaeLabException($"Memory bandwidth duration must be positive, got {seconds} s.");
        if (elements < 1)
            throw new SaeLabException($"Memory bandwidth array length must be at least 1, got {elements}.");

        var triad = new Triad(elements, compute.Threads);
        ComputeWorkers.Run(triad.Parts, triad);
        int repetitions = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            ComputeWorkers.Run(triad.Parts, triad);
            repetitions++;
        }
        while (clock.Elapsed.TotalSeconds < seconds);

        double elapsed = clock.Elapsed.TotalSeconds;
        long bytes = 3L * sizeof(float) * elements;
        return new MemoryBandwidthResult(bytes * (double)repetitions / elapsed / 1e9, bytes, repetitions, elapsed, triad.Parts);
    }

    // a = b + s·c over contiguous, equal slices, one per part.
    private sealed class Triad : IParallelJob
    {
        private readonly float[] _a;
        private readonly float[] _b;
        private readonly float[] _c;

        public Triad(int elements, int parts)
        {
            _a = new float[elements];
            _b = new float[elements];
            _c = new float[elements];
            _b.AsSpan().Fill(1f);
            _c.AsSpan().Fill(2f);
            Parts = Math.Min(parts, elements);
        }

        public int Parts { get; }

        public void RunPart(int part)
        {
            int start = (int)((long)_a.Length * part / Parts);
            int end = (int)((long)_a.Length * (part + 1) / Parts);
            TensorPrimitives.MultiplyAdd(_c.AsSpan(start..end), Scalar, _b.AsSpan(start..end), _a.AsSpan(start..end));
        }
    }
}
