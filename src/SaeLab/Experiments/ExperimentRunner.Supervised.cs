using SaeLab.Data;
using SaeLab.Sae;
using SaeLab.Training;
using SaeLab.Training.Supervised;

namespace SaeLab.Experiments;

/// <summary>Supervised SAEs: trained on the probes' training problems only, with the head saved beside the SAE.</summary>
public sealed partial class ExperimentRunner
{
    /// <summary>
    /// Trains a supervised SAE with the entry's <c>supervised:</c> settings (<paramref name="given"/>) on <paramref name="vectors"/>
    /// (the vectors its probes see, split as they split them, so the held-out problems are their test problems) and writes its folder.
    /// </summary>
    private SupervisedTraining TrainSupervised(string name, SaeTrainingConfig config, SupervisedConfig given, ActivationSet vectors, string folderPath, SaeSaveOptions save)
    {
        SupervisedConfig supervised = given.SplitAs(_config.ProbeSettingsWithLabels().SplitSettings);
        // The observer shows the SAE's progress and returns its TrainingResult; the head and split are kept here.
        SupervisedTrainingResult? trained = null;
        Stage($"train {name}", () => _observer.Train(name, progress => (trained = SupervisedSaeTrainer.Train(vectors, config, supervised, progress)).Training));
        SupervisedTrainingResult result = trained ?? throw new InvalidOperationException("the experiment observer did not run the training");
        SupervisedSaeFolder.Save(folderPath, result, config, supervised, vectors.Source, save);
        SupervisedEpochStats last = result.Epochs[^1];
        SupervisedSplit split = result.Split;
        return new SupervisedTraining(
            result.Training,
            new SupervisedOutcome(supervised.Weight, split.TrainProblems.Length, split.TestProblems.Length, split.Rows.Length, last.CrossEntropy, last.TrainAccuracy));
    }

    /// <summary>The SAE part of a supervised run and what the report says about its supervision.</summary>
    private sealed record SupervisedTraining(TrainingResult Training, SupervisedOutcome Outcome);
}
