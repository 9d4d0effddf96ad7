using SaeLab.Data;

namespace SaeLab.Labels;

/// <summary>What a <see cref="LabelOpsJob"/> did.</summary>
/// <param name="Labeling">Each problem's label and the counts.</param>
/// <param name="Labelled">The activations with the label column, as written to <see cref="LabelOpsJob.To"/>; null without <see cref="LabelOpsJob.Attach"/>.</param>
public sealed record LabelOpsResult(ProblemLabeling Labeling, ActivationSet? Labelled);
