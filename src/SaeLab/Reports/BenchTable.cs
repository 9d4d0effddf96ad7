using System.Globalization;
using System.Text;
using SaeLab.Benchmarking;

namespace SaeLab.Reports;

/// <summary>A benchmark report as the plain-text table <c>saelab bench</c> prints.</summary>
public static class BenchTable
{
    public static string Text(BenchReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(string.Create(c,
            $"--arch {report.Architecture}, {report.Threads} threads of {report.ProcessorCount}, gemm {report.GemmBackend}, memory {report.BandwidthGBPerSecond:F1} GB/s, load {report.LoadAverage?.ToString("F2", c) ?? "n/a"}"));
        text.AppendLine(string.Create(c,
            $"{"workload",-9}{"d x m",13}{"sgemm GF/s",12}{"epoch s",9}{"floor s",9}{"ratio",7}{"vec/s",9}{"dense-eq GF/s",15}{"l0",7}{"total s",9}{"peak MiB",10}{"gc 0/1/2",10}"));
        foreach (WorkloadResult r in report.Workloads)
        {
            var steady = r.Epochs[r.SteadyEpoch - 1];
            text.AppendLine(string.Create(c,
                $"{r.Workload.Name,-9}{$"{r.Dim} x {r.Workload.Features}",13}{r.SgemmGflops,12:F1}{steady.Seconds,9:F2}{r.Floor.Seconds,9:F2}{r.FloorRatio,7:F2}" +
                $"{r.VectorsPerSecond,9:F0}{r.DenseEquivalentGflops,15:F1}{steady.L0,7:F1}{r.TotalSeconds,9:F1}{r.PeakWorkingSetBytes / 1048576.0,10:F0}" +
                $"{$"{r.Collections.Gen0}/{r.Collections.Gen1}/{r.Collections.Gen2}",10}"));
        }

        text.AppendLine("floor = encoder GEMM at the sgemm rate + one fused Adam pass per step (28 B/parameter) at the memory bandwidth + the sparse products");
        return text.ToString();
    }
}
