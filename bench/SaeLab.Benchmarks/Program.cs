using System.Globalization;
using BenchmarkDotNet.Running;
using SaeLab.Benchmarks;

if (args.Length > 0 && args[0] == "throughput")
{
    ThroughputTable.Print(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2.0);
    return;
}

if (args.Length > 0 && args[0] == "throughput-cpu")
{
    CpuTimeTable.Print(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10);
    return;
}

if (args.Length > 0 && args[0] == "steps")
{
    StepTable.Print(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8192);
    return;
}

if (args.Length > 1 && args[0] == "dashboard")
{
    DashboardTable.Print(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8192);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ThroughputTable).Assembly).Run(args);
