using System.CommandLine;
using SaeLab.Sae;

namespace SaeLab.Cli.Commands;

/// <summary>
/// The flags declared on <see cref="SaeSaveOptions"/>: <c>--weights-dtype f32|f16|bf16</c> (the element type of the SAE
/// weights written) and the model and hook names cfg.json records.
/// </summary>
internal sealed class SaeSaveFlags
{
    private readonly SettingFlags<SaeSaveOptions> _flags = new();

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command) => _flags.AddTo(command);

    /// <summary>The save options the flags describe, over <paramref name="baseline"/> (the defaults, or what a resumed run's checkpoint recorded).</summary>
    public SaeSaveOptions Read(ParseResult parse, SaeSaveOptions? baseline = null) => _flags.Read(parse, baseline ?? SaeSaveOptions.Default);
}
