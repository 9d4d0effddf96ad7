using SaeLab.Numerics;

namespace SaeLab.Benchmarks;

/// <summary>
/// A quick GFLOP/s table for the training shapes, managed against OpenBLAS when it is installed
/// (<c>dotnet run -c Release --project bench/SaeLab.Benchmarks -- throughput [seconds]</c>), plus memory bandwidth.
/// </summary>
internal static class ThroughputTable
{
    // Best of a few short runs: other processes on a small machine only ever slow a run down.
    private const int Attempts = 3;

    public static void Print(double seconds)
    {
        ComputeContext compute = ComputeContext.Default;
        Console.WriteLine($"{Environment.ProcessorCount} logical processors, {compute.Threads} threads");
        var backends = OpenBlas.IsAvailable ? new[] { GemmBackend.Managed, GemmBackend.OpenBlas } : [GemmBackend.Managed];
        foreach (var shape in GemmShape.Training)
        {
            foreach (var backend in backends)
            {
                var result = Enumerable.Range(0, Attempts)
                    .Select(_ => GemmThroughput.Measure(
                        compute.On(backend), shape.M, shape.N, shape.K, shape.TransposeA, shape.TransposeB, seconds / Attempts))
                    .MaxBy(attempt => attempt.GFlopsPerSecond)!;
                Console.WriteLine($"{shape.Name,-45} {result.Backend,-15} {result.GFlopsPerSecond,8:F1} GFLOP/s");
            }
        }

        var bandwidth = Enumerable.Range(0, Attempts)
            .Select(_ => MemoryBandwidth.Measure(compute, seconds / Attempts))
            .MaxBy(attempt => attempt.GBPerSecond)!;
        Console.WriteLine($"memory triad {bandwidth.GBPerSecond:F1} GB/s on {bandwidth.Threads} threads");
    }
}
