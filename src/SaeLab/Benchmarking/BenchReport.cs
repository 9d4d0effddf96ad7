namespace SaeLab.Benchmarking;

/// <summary>What <c>saelab bench</c> reports (and writes with <c>--out</c>).</summary>
/// <param name="Architecture">The architecture trained (<see cref="BenchConfig.Architecture"/>).</param>
/// <param name="Threads">Compute threads used.</param>
/// <param name="ProcessorCount">Logical processors of the machine.</param>
/// <param name="GemmBackend">The GEMM backend (<see cref="Numerics.ComputeContext.BackendName"/>).</param>
/// <param name="LoadAverage">The 1-minute load average when the run started (Linux), else null: other work skews timings.</param>
/// <param name="BandwidthGBPerSecond">Measured memory bandwidth (STREAM triad).</param>
/// <param name="Workloads">One result per workload.</param>
public sealed record BenchReport(
    string Architecture, int Threads, int ProcessorCount, string GemmBackend, double? LoadAverage, double BandwidthGBPerSecond, IReadOnlyList<WorkloadResult> Workloads);
