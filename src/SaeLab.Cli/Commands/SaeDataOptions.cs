using System.CommandLine;
using SaeLab.Data;

namespace SaeLab.Cli.Commands;

/// <summary>
/// The inputs and outputs that commands reading a trained SAE and an activation file share:
/// --sae DIR, --data FILE (with <see cref="ActivationLoadFlags"/>), --out FILE.json and --figures DIR; each command's
/// own options (threshold, batch size, …) come from its options record's declarations.
/// </summary>
internal sealed class SaeDataOptions
{
    public Option<string> Sae { get; } = new("--sae") { Description = "SAE folder or checkpoint file (SAELens, sparsify, dictionary_learning, or the seed's sae_weights.pt)", Required = true };

    public Option<string> Data { get; } = new("--data") { Description = ActivationLoadFlags.DataDescription, Required = true };

    private readonly ActivationLoadFlags _loadFlags = new();

    public Option<string?> Out { get; } = new("--out") { Description = "Write the results as JSON to this file" };

    public Option<string?> Figures { get; } = new("--figures") { Description = "Write PNG figures into this folder" };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Sae, Data, Out, Figures })
        {
            command.Options.Add(option);
        }

        _loadFlags.AddTo(command);
    }

    /// <summary>How the parsed flags read --data.</summary>
    public ActivationLoadOptions Load(ParseResult parseResult) => _loadFlags.Read(parseResult);

    /// <summary>
    /// Prints a job's <paramref name="text"/>, the JSON it wrote to --out, and <paramref name="drawFigures"/>'s PNGs
    /// (into --figures, titled with the SAE's name) when given.
    /// </summary>
    public int Print(ParseResult parseResult, string text, Func<string, string, IReadOnlyList<string>> drawFigures)
    {
        TextWriter output = parseResult.InvocationConfiguration.Output;
        output.Write(text);
        if (parseResult.GetValue(Out) is { } path)
        {
            output.WriteLine($"wrote {path}");
        }

        if (parseResult.GetValue(Figures) is { } directory)
        {
            foreach (string figure in drawFigures(directory, SaeDisplayName.Of(parseResult.GetValue(Sae)!)))
            {
                output.WriteLine($"wrote {figure}");
            }
        }

        return 0;
    }
}
