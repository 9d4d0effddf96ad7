using System.CommandLine;
using SaeLab.Formats;
using SaeLab.Sae;
using SaeLab.Tensors;

namespace SaeLab.Cli.Commands;

/// <summary>
/// <c>--weights-dtype f32|f16|bf16</c>: the element type of the SAE weights a command writes
/// (<see cref="SaeSaveOptions.WeightsDType"/>); the default stays in <see cref="SaeSaveOptions"/>.
/// </summary>
internal sealed class WeightsDTypeFlag
{
    private readonly Option<string?> _dtype = new("--weights-dtype")
    {
        Description = "Element type of sae_weights.safetensors: f32, f16 or bf16 (rounded to nearest even; cfg.json's dtype names it) " +
            $"[default: {FloatEncoding.ShortName(SaeSaveOptions.Default.WeightsDType)}]",
    };

    public WeightsDTypeFlag() => _dtype.AcceptOnlyFromAmong("f32", "f16", "bf16");

    /// <summary>Adds the flag to <paramref name="command"/>.</summary>
    public void AddTo(Command command) => command.Options.Add(_dtype);

    /// <summary>The dtype the flag names, or the default.</summary>
    public DType Read(ParseResult parse) =>
        parse.GetValue(_dtype) is string name ? FloatEncoding.Parse(name, "--weights-dtype") : SaeSaveOptions.Default.WeightsDType;
}
