using System.Diagnostics;

namespace SaeLab.Tests.Cli;

/// <summary>
/// Runs the built CLI in a child process, for what one test process cannot show: a kill mid-run, a memory peak, the
/// runtime's start-up switches. The CLI is a project reference, so saelab.dll (with its runtimeconfig) sits beside the
/// test assembly.
/// </summary>
internal static class CliProcess
{
    /// <summary>The CLI assembly the child process runs.</summary>
    public static string Assembly { get; } = Path.Combine(AppContext.BaseDirectory, "saelab.dll");

    /// <summary>Starts <c>saelab <paramref name="args"/></c> with both output streams redirected and <paramref name="environment"/> added.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(Assembly))
        {
            throw new InvalidOperationException($"{Assembly} not found: build SaeLab.Cli");
        }

        // The dotnet host that runs the tests, where the SDK names it; any dotnet on the PATH otherwise.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Assembly);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs <c>saelab <paramref name="args"/></c> to its end and returns its exit code and what it printed.</summary>
    public static CliResult Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using Process process = Start(args, environment);
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliResult(process.ExitCode, output.Result, error.Result);
    }
}
