using System.CommandLine;
using SaeLab.Data;

namespace SaeLab.Cli.Commands;

/// <summary>
/// The flags declared on <see cref="ActivationLoadOptions"/>, for every command that reads activations.
/// </summary>
internal sealed class ActivationLoadFlags
{
    /// <summary>The help text of a command's <c>--data</c> activation file, one wording for every command that takes one.</summary>
    public const string DataDescription = "Activation file: .safetensors, .pt, .npy or .npz (see docs/formats.md)";

    private readonly SettingFlags<ActivationLoadOptions> _flags = new();

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command) => _flags.AddTo(command);

    /// <summary>The options the parsed flags describe, with notes going to the command's error stream.</summary>
    public ActivationLoadOptions Read(ParseResult parse) =>
        _flags.Read(parse, ActivationLoadOptions.Default) with { Notify = note => parse.InvocationConfiguration.Error.WriteLine("note: " + note) };
}
