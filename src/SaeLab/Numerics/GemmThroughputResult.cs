namespace SaeLab.Numerics;

/// <summary>What <see cref="GemmThroughput.Measure"/> found for one product shape.</summary>
/// <param name="GFlopsPerSecond">Achieved rate, counting 2·m·n·k floating-point operations per product.</param>
/// <param name="Repetitions">Products timed (after one untimed warm-up).</param>
/// <param name="Seconds">Wall-clock time of the timed products.</param>
/// <param name="Backend">The backend that ran them (<see cref="ComputeContext.BackendName"/>).</param>
/// <param name="Threads">The thread count in force (<see cref="ComputeContext.Threads"/>).</param>
public sealed record GemmThroughputResult(
    double GFlopsPerSecond, int Repetitions, double Seconds, string Backend, int Threads);
