using System.Diagnostics;
using SaeLab.Training.Kernels;

namespace SaeLab.Benchmarks;

/// <summary>
/// Milliseconds per training step by path and code density, with the encoder GEMM alone for scale: the numbers the
/// cost model's threshold (<see cref="TrainingPathCostModel.SparseBelowDensity"/>) is calibrated from
/// (<c>dotnet run -c Release --project bench/SaeLab.Benchmarks -- steps [features]</c>).
/// </summary>
internal static class StepTable
{
    private const int Repetitions = 5;

    public static void Print(int features)
    {
        Console.WriteLine($"batch {TrainingStepOperands.Batch}, d = {TrainingStepOperands.Dim}, m = {features}: ms per step (best of {Repetitions})");
        Console.WriteLine($"{"density",9}{"encoder",10}{"dense",10}{"sparse",10}");
        foreach (double density in new[] { 0.003, 0.01, 0.03, 0.06, 0.1, 0.15, 0.2 })
        {
            var dense = new TrainingStepOperands(features, density, TrainingPath.Dense);
            var sparse = new TrainingStepOperands(features, density, TrainingPath.Sparse);
            float[] codes = new float[TrainingStepOperands.Batch * features];
            double encoder = Best(() => dense.Sae.Encode(dense.Values, TrainingStepOperands.Batch, codes));
            Console.WriteLine($"{density,9:F3}{encoder,10:F1}{Best(() => dense.RunStep()),10:F1}{Best(() => sparse.RunStep()),10:F1}");
        }
    }

    private static double Best(Action action)
    {
        double best = double.MaxValue;
        for (int i = 0; i < Repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return best;
    }
}
