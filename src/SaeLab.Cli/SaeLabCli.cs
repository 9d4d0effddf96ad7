using System.CommandLine;

namespace SaeLab.Cli;

/// <summary>Builds the <c>saelab</c> command tree and maps errors to exit codes.</summary>
public static class SaeLabCli
{
    /// <summary>Exit code for bad input: a file, an option or a configuration the user can fix.</summary>
    public const int InputErrorExitCode = 2;

    /// <summary>Runs the CLI with <paramref name="args"/>; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        RootCommand root = BuildRoot();
        var configuration = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        };
        try
        {
            ParseResult parse = root.Parse(args);
            if (ParseErrorReport.Describe(parse) is { } problem)
            {
                configuration.Error.WriteLine($"error: {problem}");
                return InputErrorExitCode;
            }

            return parse.Invoke(configuration);
        }
        catch (SaeLabException e)
        {
            configuration.Error.WriteLine($"error: {e.Message}");
            return InputErrorExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            configuration.Error.WriteLine($"error: {e.Message}");
            return InputErrorExitCode;
        }
    }

    /// <summary>The root command with every subcommand of <see cref="CommandTable"/>.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("SaeLab: train, evaluate and probe sparse autoencoders on neural-network activations.");
        foreach (Func<Command> create in CommandTable.All)
        {
            root.Subcommands.Add(create());
        }

        LowercaseChoices.Apply(root);
        return root;
    }
}
