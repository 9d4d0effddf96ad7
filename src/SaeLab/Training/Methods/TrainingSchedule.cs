namespace SaeLab.Training.Methods;

/// <summary>
/// The learning rate and the sparsity coefficient's factor at each step of a run of <see cref="TotalSteps"/> steps
/// (1-based): the learning rate rises linearly over the first <see cref="TrainingMethods.LrWarmupSteps"/> steps and
/// falls linearly over the last <see cref="TrainingMethods.LrDecaySteps"/> (the smaller factor wins where they meet);
/// the sparsity factor rises linearly to 1 over <see cref="TrainingMethods.L1WarmupSteps"/> (SAELens's
/// <c>l1_warm_up_steps</c>: min(1, step / warm-up)). With every length 0 both are constant: the seed's run.
/// </summary>
/// <param name="LearningRate">The configured learning rate.</param>
/// <param name="TotalSteps">Steps in the whole run.</param>
/// <param name="Methods">The warm-up and decay lengths.</param>
public sealed record TrainingSchedule(double LearningRate, long TotalSteps, TrainingMethods Methods)
{
    /// <summary>The learning rate of step <paramref name="step"/>: lr · min(step / warm-up, (total − step + 1) / decay), each factor capped at 1.</summary>
    public double LearningRateAt(long step)
    {
        double factor = 1;
        if (Methods.LrWarmupSteps > 0)
        {
            factor = Math.Min(factor, (double)step / Methods.LrWarmupSteps);
        }

        if (Methods.LrDecaySteps > 0)
        {
            factor = Math.Min(factor, (double)(TotalSteps - step + 1) / Methods.LrDecaySteps);
        }

        return LearningRate * Math.Max(factor, 0);
    }

    /// <summary>The factor on the sparsity coefficient at step <paramref name="step"/>: min(1, step / warm-up).</summary>
    public double SparsityScaleAt(long step) =>
        Methods.L1WarmupSteps > 0 ? Math.Min(1.0, (double)step / Methods.L1WarmupSteps) : 1.0;
}
