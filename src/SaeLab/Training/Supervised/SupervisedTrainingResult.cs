namespace SaeLab.Training.Supervised;

/// <summary>A trained supervised SAE: the SAE with its log, the head, the split it respected and the head's log.</summary>
/// <param name="Training">The SAE, its per-epoch reconstruction/sparsity log and the run's wall time.</param>
/// <param name="Head">The trained linear head on the codes.</param>
/// <param name="Split">Which problems (and so vectors) were trained on and which were held out.</param>
/// <param name="Epochs">The supervised term, one entry per epoch.</param>
/// <param name="Config">The supervision it trained with (a resumed run's, from its checkpoint).</param>
public sealed record SupervisedTrainingResult(
    TrainingResult Training, LinearHead Head, SupervisedSplit Split, IReadOnlyList<SupervisedEpochStats> Epochs, SupervisedConfig Config);
