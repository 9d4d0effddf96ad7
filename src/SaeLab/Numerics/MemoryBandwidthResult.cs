namespace SaeLab.Numerics;

/// <summary>What <see cref="MemoryBandwidth.Measure"/> found.</summary>
/// <param name="GBPerSecond">Achieved bandwidth in 10⁹ bytes per second (STREAM convention: a triad moves
/// 3 × 4 bytes per element, write-allocate traffic not counted).</param>
/// <param name="BytesPerRepetition">Bytes counted per pass over the arrays.</param>
/// <param name="Repetitions">Passes timed (after one untimed warm-up).</param>
/// <param name="Seconds">Wall-clock time of the timed passes.</param>
/// <param name="Threads">Threads that ran the passes (<see cref="ComputeContext.Threads"/>).</param>
public sealed record MemoryBandwidthResult(
    double GBPerSecond, long BytesPerRepetition, int Repetitions, double Seconds, int Threads);
