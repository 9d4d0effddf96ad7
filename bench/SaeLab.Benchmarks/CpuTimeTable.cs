using System.Diagnostics;
using SaeLab.Numerics;

namespace SaeLab.Benchmarks;

/// <summary>
/// GFLOP per CPU-second on one thread for the training shapes, per backend
/// (<c>-- throughput-cpu [repetitions]</c>). Dividing by CPU time instead of wall time keeps the comparison
/// fair on a machine shared with other work; twice the figure bounds what two cores can reach.
/// </summary>
internal static class CpuTimeTable
{
    public static void Print(int repetitions)
    {
        ComputeContext oneThread = ComputeContext.Default.WithThreads(1);
        var process = Process.GetCurrentProcess();
        foreach (var shape in GemmShape.Training)
        {
            var operands = new GemmOperands(shape);
            foreach (var backend in GemmOperands.AvailableBackends)
            {
                operands.Multiply(oneThread, backend);
                process.Refresh();
                var start = process.TotalProcessorTime;
                for (int i = 0; i < repetitions; i++)
                    operands.Multiply(oneThread, backend);
                process.Refresh();
                double cpuSeconds = (process.TotalProcessorTime - start).TotalSeconds;
                double gflops = 2.0 * shape.M * shape.N * shape.K * repetitions / cpuSeconds / 1e9;
                Console.WriteLine($"{shape.Name,-45} {backend,-10} {gflops,8:F1} GFLOP per CPU-second");
            }
        }
    }
}
