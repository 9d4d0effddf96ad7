namespace SaeLab.Training.Optimization;

/// <summary>
/// The per-step scalars of Adam, computed in double and rounded to float once, as PyTorch 1.13 does (Python
/// floats passed to float32 tensor ops).
/// </summary>
/// <param name="NegativeStepSize">−lr / (1 − β1^t).</param>
/// <param name="BiasCorrection2Sqrt">√(1 − β2^t).</param>
public readonly record struct AdamScalars(float NegativeStepSize, float BiasCorrection2Sqrt)
{
    /// <summary>The scalars of step <paramref name="step"/> (≥ 1).</summary>
    public static AdamScalars For(double learningRate, int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);

        // PyTorch evaluates beta ** step with Python floats, i.e. in double from the double betas 0.9, 0.999.
        double biasCorrection1 = 1 - Math.Pow(0.9, step);
        double biasCorrection2 = 1 - Math.Pow(0.999, step);
        return new AdamScalars((float)(-learningRate / biasCorrection1), (float)Math.Sqrt(biasCorrection2));
    }
}
