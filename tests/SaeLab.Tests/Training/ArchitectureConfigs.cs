using SaeLab.Training;
using SaeLab.Training.Architectures;

namespace SaeLab.Tests.Training;

/// <summary>
/// The architectures tests run over, read from the one table (<see cref="SaeArchitectures"/>), and one config
/// across every architecture: k only where the architecture takes it (the others refuse it).
/// </summary>
internal static class ArchitectureConfigs
{
    /// <summary>Every trainable architecture's name.</summary>
    public static TheoryData<string> Trainable => [.. SaeArchitectures.All.Select(a => a.Name)];

    /// <summary>Every trainable architecture but the seed's ReLU SAE: those of the dictionary engine.</summary>
    public static TheoryData<string> DictionaryEngine => [.. SaeArchitectures.All.Where(a => !a.IsSeedRelu).Select(a => a.Name)];

    /// <summary>Every trainable architecture's name with the architecture its SAE is saved as.</summary>
    public static TheoryData<string, string> TrainableWithSavedAs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (SaeArchitecture architecture in SaeArchitectures.All)
            {
                data.Add(architecture.Name, architecture.SavedAs);
            }

            return data;
        }
    }

    /// <summary>Every architecture an SAE folder can hold (<see cref="SaeArchitectures.SavedNames"/>).</summary>
    public static TheoryData<string> Loadable => [.. SaeArchitectures.SavedNames];

    public static SaeTrainingConfig ForArchitecture(this SaeTrainingConfig config, string architecture) =>
        config with { Architecture = architecture, K = SaeArchitectures.NeedsK(architecture) ? config.K : null };
}
