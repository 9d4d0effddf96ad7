using System.Text.Json.Serialization;
using SaeLab.Settings;
using SaeLab.Training.Architectures;
using static SaeLab.Settings.SettingException;

namespace SaeLab.Training.Methods;

/// <summary>
/// The training methods of the modern SAE toolkits, each off by default so that the default run is the seed's:
/// SAELens (<c>LanguageModelSAERunnerConfig</c>), saprmarks/dictionary_learning (<c>ConstrainedAdam</c>,
/// <c>resample_neurons</c>) and Anthropic's "Towards Monosemanticity" (2023) and "Circuits Updates – April 2024".
/// Experiment files give them under an SAE's (or a sweep's) <c>methods:</c> key, with these names in snake_case.
/// </summary>
public sealed record TrainingMethods
{
    /// <summary>What <see cref="BDecInit"/> accepts.</summary>
    public static IReadOnlyList<string> BDecInits { get; } = ["default", "zeros", "mean", "geometric_median"];

    /// <summary>
    /// Keep every decoder row at unit norm (<c>--unit-norm-decoder</c>): rows start normalised, the gradient's
    /// component along each row is removed before the Adam step, and rows are normalised again after it
    /// (dictionary_learning's <c>ConstrainedAdam</c>; SAELens's <c>normalize_sae_decoder</c>).
    /// </summary>
    [Setting("--unit-norm-decoder", "Keep decoder rows at unit norm (the gradient's parallel component removed, rows renormalised after each step)")]
    public bool UnitNormDecoder { get; init; }

    /// <summary>
    /// How b_dec starts (<c>--b-dec-init</c>, SAELens's <c>b_dec_init_method</c>): "default" keeps the architecture's
    /// own initialisation; "zeros"; "mean" of a sample of training vectors; "geometric_median" of that sample
    /// (Weiszfeld's algorithm), which is robust to the outliers that pull the mean.
    /// </summary>
    [Setting("--b-dec-init", "How b_dec starts: {choices} (of a sample of training vectors)", Choices = nameof(BDecInits), DefaultText = "default, the architecture's own")]
    public string BDecInit { get; init; } = "default";

    /// <summary>
    /// Scale the training vectors by one constant so that their mean squared norm is 1 (<c>--normalize-inputs</c>;
    /// dictionary_learning's <c>normalize_activations</c>), folded back on save: the saved SAE takes raw vectors and
    /// returns raw reconstructions, with its biases (and thresholds) scaled back. Losses during training are in the
    /// normalised units, so l1 means the same across models and layers of different scales.
    /// </summary>
    [Setting("--normalize-inputs", "Scale the training vectors to unit mean squared norm; the saved SAE takes raw vectors (biases scaled back)")]
    public bool NormalizeInputs { get; init; }

    /// <summary>Steps over which the sparsity coefficient rises linearly from 0 to its value (<c>--l1-warmup-steps</c>; SAELens's <c>l1_warm_up_steps</c>); 0: none.</summary>
    [Setting("--l1-warmup-steps", "Raise the sparsity coefficient linearly from 0 over this many steps")]
    public int L1WarmupSteps { get; init; }

    /// <summary>Steps over which the learning rate rises linearly to its value (<c>--lr-warmup-steps</c>; SAELens's <c>lr_warm_up_steps</c>); 0: none.</summary>
    [Setting("--lr-warmup-steps", "Raise the learning rate linearly over this many first steps")]
    public int LrWarmupSteps { get; init; }

    /// <summary>
    /// Final steps over which the learning rate falls linearly towards 0 (<c>--lr-decay-steps</c>; SAELens's
    /// <c>lr_decay_steps</c>; Anthropic's April 2024 update decays over the last 20 % of training); 0: none.
    /// </summary>
    [Setting("--lr-decay-steps", "Lower the learning rate linearly towards 0 over this many last steps")]
    public int LrDecaySteps { get; init; }

    /// <summary>Clip the gradient's global L2 norm (over every parameter) to this before each step (<c>--max-grad-norm</c>; PyTorch's <c>clip_grad_norm_</c>); null: no clipping.</summary>
    [Setting("--max-grad-norm", "Clip the global gradient norm to this before each step", DefaultText = "no clipping")]
    public double? MaxGradNorm { get; init; }

    /// <summary>
    /// Every this many steps, re-initialise the features that have been dead for <see cref="SaeTrainingConfig.DeadTokens"/>
    /// vectors (<c>--resample-every</c>; the seed's "feature resurrection", Anthropic's resampling of "Towards
    /// Monosemanticity"); 0: never. Every architecture: each says which of its biases start a feature.
    /// </summary>
    [Setting("--resample-every", "Every this many steps, re-initialise features dead for --dead-tokens vectors (Anthropic's resampling)", DefaultText = "0, never")]
    public int ResampleEvery { get; init; }

    /// <summary>
    /// Weight each code's L1 penalty by its decoder row's norm, l1·Σ z_f·‖W_dec[f]‖ (<c>--l1-decoder-norm</c>; Anthropic's
    /// "Circuits Updates – April 2024"; SAELens's <c>scale_sparsity_penalty_by_decoder_norm</c>): the SAE can no longer
    /// shrink its codes and grow its rows to dodge the penalty. Relu only; it replaces <see cref="UnitNormDecoder"/>
    /// (with unit rows it is the plain L1).
    /// </summary>
    [Setting("--l1-decoder-norm", "Weight each code's L1 penalty by its decoder row's norm (Anthropic's April 2024 update; relu only; instead of --unit-norm-decoder)")]
    public bool L1DecoderNorm { get; init; }

    // Derived, not settings: kept out of training.json, cfg.json and checkpoints, and out of resume's comparison.

    /// <summary>Whether every method is off: training is then exactly the seed's (or the architecture's own).</summary>
    [JsonIgnore]
    public bool AllOff => this == new TrainingMethods();

    /// <summary>Whether a method needs a sample of the training vectors before the first step ("zeros" needs none).</summary>
    [JsonIgnore]
    public bool NeedsDataSample => NormalizeInputs || BDecInit is "mean" or "geometric_median" || ResampleEvery > 0;

    /// <summary>The methods that are on, in words for reports ("none" when all are off).</summary>
    public string Describe()
    {
        List<string> on = [];
        AddIf(UnitNormDecoder, "unit-norm decoder");
        AddIf(L1DecoderNorm, "L1 × decoder norm");
        AddIf(BDecInit != "default", $"b_dec {BDecInit.Replace('_', ' ')}");
        AddIf(NormalizeInputs, "normalised inputs");
        AddIf(L1WarmupSteps > 0, $"l1 warm-up {L1WarmupSteps}");
        AddIf(LrWarmupSteps > 0, $"lr warm-up {LrWarmupSteps}");
        AddIf(LrDecaySteps > 0, $"lr decay {LrDecaySteps}");
        AddIf(MaxGradNorm is not null, $"clip {MaxGradNorm?.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}");
        AddIf(ResampleEvery > 0, $"resample every {ResampleEvery}");
        return on.Count == 0 ? "none" : string.Join(", ", on);

        void AddIf(bool condition, string text)
        {
            if (condition)
            {
                on.Add(text);
            }
        }
    }

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first invalid option for <paramref name="architecture"/>.</summary>
    public void Validate(string architecture)
    {
        Require(BDecInits.Contains(BDecInit), $"{Named(nameof(BDecInit))} must be one of {string.Join(", ", BDecInits)}, got '{BDecInit}'{ClosestName.Suggestion(BDecInit, BDecInits)}");
        Require(L1WarmupSteps >= 0, $"{Named(nameof(L1WarmupSteps))} must be ≥ 0, got {L1WarmupSteps}");
        Require(LrWarmupSteps >= 0, $"{Named(nameof(LrWarmupSteps))} must be ≥ 0, got {LrWarmupSteps}");
        Require(LrDecaySteps >= 0, $"{Named(nameof(LrDecaySteps))} must be ≥ 0, got {LrDecaySteps}");
        Require(MaxGradNorm is null || (double.IsFinite(MaxGradNorm.Value) && MaxGradNorm > 0), $"{Named(nameof(MaxGradNorm))} must be a finite number > 0, got {MaxGradNorm}");
        Require(ResampleEvery >= 0, $"{Named(nameof(ResampleEvery))} must be ≥ 0, got {ResampleEvery}");
        string arch = Named(nameof(SaeTrainingConfig.Architecture));
        Require(
            L1WarmupSteps == 0 || SaeArchitectures.HasSparsityPenalty(architecture),
            $"{Named(nameof(L1WarmupSteps))}: {arch} {architecture} has no sparsity penalty to warm up (its sparsity is set by {Named(nameof(SaeTrainingConfig.K))})");
        Require(
            !L1DecoderNorm || SaeArchitectures.IsRelu(architecture),
            $"{Named(nameof(L1DecoderNorm))} trains {arch} relu only, got '{architecture}' (gated already weights its penalty by decoder norms)");
        Require(!(L1DecoderNorm && UnitNormDecoder), $"{Named(nameof(L1DecoderNorm))} replaces {Named(nameof(UnitNormDecoder))}: with unit rows it is the plain L1; give one of them");
    }
}
