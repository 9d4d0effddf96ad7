using System.CommandLine;
using SaeLab.Training.Methods;

namespace SaeLab.Cli.Commands;

/// <summary>
/// <c>train</c>'s training-method flags (<see cref="TrainingMethods"/>, each off by default); on <c>--resume</c> the
/// ones given must agree with the checkpoint's.
/// </summary>
internal sealed class TrainingMethodFlags
{
    private readonly Option<bool> _unitNormDecoder = new("--unit-norm-decoder")
    {
        Description = "Keep decoder rows at unit norm (the gradient's parallel component removed, rows renormalised after each step)",
    };

    private readonly Option<bool> _l1DecoderNorm = new("--l1-decoder-norm")
    {
        Description = "Weight each code's L1 penalty by its decoder row's norm (Anthropic's April 2024 update; relu only; instead of --unit-norm-decoder)",
    };

    private readonly Option<string?> _bDecInit = new("--b-dec-init")
    {
        Description = $"How b_dec starts: {string.Join(", ", TrainingMethods.BDecInits)} (of a sample of training vectors) [default: default, the architecture's own]",
    };

    private readonly Option<bool> _normalizeInputs = new("--normalize-inputs")
    {
        Description = "Scale the training vectors to unit mean squared norm; the saved SAE takes raw vectors (biases scaled back)",
    };

    private readonly Option<int?> _l1Warmup = new("--l1-warmup-steps") { Description = "Raise the sparsity coefficient linearly from 0 over this many steps [default: 0]" };

    private readonly Option<int?> _lrWarmup = new("--lr-warmup-steps") { Description = "Raise the learning rate linearly over this many first steps [default: 0]" };

    private readonly Option<int?> _lrDecay = new("--lr-decay-steps") { Description = "Lower the learning rate linearly towards 0 over this many last steps [default: 0]" };

    private readonly Option<double?> _maxGradNorm = new("--max-grad-norm") { Description = "Clip the global gradient norm to this before each step [default: no clipping]" };

    private readonly Option<int?> _resampleEvery = new("--resample-every")
    {
        Description = "Every this many steps, re-initialise features dead for --dead-tokens vectors (Anthropic's resampling; relu only) [default: 0, never]",
    };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[_unitNormDecoder, _l1DecoderNorm, _bDecInit, _normalizeInputs, _l1Warmup, _lrWarmup, _lrDecay, _maxGradNorm, _resampleEvery])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The flags given laid over <paramref name="baseline"/> (the defaults, or a checkpoint's methods).</summary>
    public TrainingMethods Read(ParseResult parse, TrainingMethods baseline) => new()
    {
        UnitNormDecoder = parse.GetResult(_unitNormDecoder) is null ? baseline.UnitNormDecoder : parse.GetValue(_unitNormDecoder),
        L1DecoderNorm = parse.GetResult(_l1DecoderNorm) is null ? baseline.L1DecoderNorm : parse.GetValue(_l1DecoderNorm),
        BDecInit = parse.GetValue(_bDecInit) ?? baseline.BDecInit,
        NormalizeInputs = parse.GetResult(_normalizeInputs) is null ? baseline.NormalizeInputs : parse.GetValue(_normalizeInputs),
        L1WarmupSteps = parse.GetValue(_l1Warmup) ?? baseline.L1WarmupSteps,
        LrWarmupSteps = parse.GetValue(_lrWarmup) ?? baseline.LrWarmupSteps,
        LrDecaySteps = parse.GetValue(_lrDecay) ?? baseline.LrDecaySteps,
        MaxGradNorm = parse.GetValue(_maxGradNorm) ?? baseline.MaxGradNorm,
        ResampleEvery = parse.GetValue(_resampleEvery) ?? baseline.ResampleEvery,
    };
}
