using System.CommandLine;
using SaeLab.Formats;
using SaeLab.Sae;

namespace SaeLab.Cli.Commands;

/// <summary>
/// The flags that map onto <see cref="SaeSaveOptions"/>: <c>--weights-dtype f32|f16|bf16</c> (the element type of the
/// SAE weights written) and the model and hook names cfg.json records; the defaults stay in <see cref="SaeSaveOptions"/>.
/// </summary>
internal sealed class SaeSaveFlags
{
    private readonly Option<string?> _dtype = new("--weights-dtype")
    {
        Description = "Element type of sae_weights.safetensors: f32, f16 or bf16 (rounded to nearest even; cfg.json's dtype names it) " +
            $"[default: {FloatEncoding.ShortName(SaeSaveOptions.Default.WeightsDType)}]",
    };

    private readonly Option<string?> _modelName = new("--model-name")
    {
        Description = "Model the activations came from, recorded in cfg.json as SAELens's model_name (e.g. meta-llama/Llama-3.2-1B)",
    };

    private readonly Option<string?> _hookName = new("--hook-name")
    {
        Description = "Where in the model they were read, recorded in cfg.json as SAELens's hook_name (e.g. blocks.8.hook_resid_post)",
    };

    public SaeSaveFlags() => _dtype.AcceptOnlyFromAmong("f32", "f16", "bf16");

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_dtype);
        command.Options.Add(_modelName);
        command.Options.Add(_hookName);
    }

    /// <summary>The save options the flags describe, over <paramref name="baseline"/> (the defaults, or what a resumed run's checkpoint recorded).</summary>
    public SaeSaveOptions Read(ParseResult parse, SaeSaveOptions? baseline = null)
    {
        baseline ??= SaeSaveOptions.Default;
        return baseline with
        {
            WeightsDType = parse.GetValue(_dtype) is string name ? FloatEncoding.Parse(name, "--weights-dtype") : baseline.WeightsDType,
            ModelName = parse.GetValue(_modelName) ?? baseline.ModelName,
            HookName = parse.GetValue(_hookName) ?? baseline.HookName,
        };
    }
}
