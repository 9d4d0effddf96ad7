using SaeLab.Training;
using SaeLab.Training.Architectures;

namespace SaeLab.Tests.Training;

/// <summary>One config across every architecture: k only where the architecture takes it (the others refuse it).</summary>
internal static class ArchitectureConfigs
{
    public static SaeTrainingConfig ForArchitecture(this SaeTrainingConfig config, string architecture) =>
        config with { Architecture = architecture, K = SaeTrainingArchitectures.NeedsK(architecture) ? config.K : null };
}
