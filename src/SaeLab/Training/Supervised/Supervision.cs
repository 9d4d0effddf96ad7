using SaeLab.Training.Architectures;

namespace SaeLab.Training.Supervised;

/// <summary>
/// What makes a run of <see cref="SaeTrainer"/> supervised: the settings, the split's classes per row, and the step
/// decorator it puts around the architecture's step, with the head drawn from the run's random source right after the
/// SAE's initialisation (as PyTorch would build the two modules).
/// </summary>
internal sealed class Supervision(SupervisedConfig config, SupervisedSplit split)
{
    public SupervisedConfig Config => config;

    /// <summary>The step <see cref="Wrap"/> built (its head and log), or null before.</summary>
    public SupervisedTrainingStep? Step { get; private set; }

    /// <summary>Builds and initialises the head, then the supervised step around <paramref name="inner"/>, for rows numbered up to <paramref name="rows"/>.</summary>
    public ISaeTrainingStep Wrap(ISaeTrainingStep inner, int rows, Random random, int batchCapacity, int batchesPerEpoch, long vectorsPerEpoch)
    {
        var head = new LinearHead(inner.Model.DSae, split.Classes);
        head.Initialize(random);
        int[] classOfRow = new int[rows];
        Array.Fill(classOfRow, -1);
        for (int i = 0; i < split.Rows.Length; i++)
        {
            classOfRow[split.Rows[i]] = split.RowClasses[i];
        }

        Step = new SupervisedTrainingStep(inner, new HeadLoss(head, config.Weight, batchCapacity, inner.Compute), classOfRow, batchesPerEpoch, vectorsPerEpoch);
        return Step;
    }
}
