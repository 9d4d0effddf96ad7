using SaeLab.Data;
using SaeLab.IO;

namespace SaeLab.Labels;

/// <summary>
/// One <c>saelab label-ops</c> run: label each problem of a problems file from its worked solution
/// (<see cref="ProblemLabeling"/>), write the labels as JSON, and optionally write an activation file with those labels
/// attached as a column. The CLI maps its flags onto this record and prints the <see cref="LabelOpsResult"/>.
/// </summary>
public sealed record LabelOpsJob
{
    /// <summary>The problems file: a JSON array of problems, each with a worked <c>answer</c>.</summary>
    public required string Problems { get; init; }

    /// <summary>Where to write the labels and counts as JSON; null for nowhere.</summary>
    public string? Out { get; init; }

    /// <summary>An activation file whose vectors get their problem's label; null for none.</summary>
    public string? Attach { get; init; }

    /// <summary>Where the labelled activation file goes (.safetensors or .npz); required with <see cref="Attach"/>.</summary>
    public string? To { get; init; }

    /// <summary>How vectors are matched to problems, and the label column's name.</summary>
    public LabelAttachOptions Match { get; init; } = new();

    /// <summary>Throws a <see cref="SaeLabException"/> when <see cref="Attach"/> has nowhere to go.</summary>
    public void Validate() =>
        SaeLabException.Require(Attach is null || To is not null, "--attach needs --to FILE: where to write the labelled activations");

    /// <summary>Labels the problems, writes <see cref="Out"/> and, with <see cref="Attach"/>, the labelled activations to <see cref="To"/>.</summary>
    public LabelOpsResult Run()
    {
        Validate();
        IReadOnlyList<ProblemRecord> records = ProblemFile.Read(Problems);
        ProblemLabeling labeling = ProblemLabeling.Of(records);
        if (Out is not null)
        {
            JsonFiles.Write(Out, labeling);
        }

        return new LabelOpsResult(labeling, Attach is null ? null : Attached(records, labeling));
    }

    private ActivationSet Attached(IReadOnlyList<ProblemRecord> records, ProblemLabeling labeling)
    {
        ActivationFile file = ActivationLoader.Open(Attach!);
        ActivationSet labelled = LabelAttacher.Attach(
            file.Set, records, labeling.Labels.Select(l => l.Label).ToList(), Match.MatchColumn, Match.MatchField, Match.LabelColumn, Problems);
        ActivationWriter.Write(labelled, To!, info: file.Info);
        return labelled;
    }
}
