using SaeLab.Training.Methods;

namespace SaeLab.Tests.Training.Methods;

/// <summary>Method sets the tests share.</summary>
internal static class TrainingMethodsExamples
{
    /// <summary>Every method on.</summary>
    public static TrainingMethods Every { get; } = new()
    {
        UnitNormDecoder = true,
        BDecInit = "geometric_median",
        NormalizeInputs = true,
        L1WarmupSteps = 10,
        LrWarmupSteps = 5,
        LrDecaySteps = 20,
        MaxGradNorm = 1,
        ResampleEvery = 50,
    };
}
