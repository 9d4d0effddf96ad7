using System.Text.Json;
using SaeLab.Data;
using SaeLab.Labels;

namespace SaeLab.Dashboard;

/// <summary>
/// The question of each problem of a problems file (such as <c>codi_llama_ct_20.problems.json</c>), keyed by its
/// <c>problem</c> field, the id the activations' <c>problems</c> column holds.
/// </summary>
public sealed class ProblemTexts
{
    /// <summary>The problems-file field that matches the activations' problems column.</summary>
    public const string MatchField = "problem";

    /// <summary>The problems-file field holding the text shown.</summary>
    public const string TextField = "question";

    private ProblemTexts(string path, IReadOnlyList<ProblemRecord> records, IReadOnlyDictionary<long, string> questions)
    {
        Path = path;
        Records = records;
        Questions = questions;
    }

    /// <summary>The problems file.</summary>
    public string Path { get; }

    /// <summary>Its problems, in file order.</summary>
    public IReadOnlyList<ProblemRecord> Records { get; }

    /// <summary>Question text by problem id.</summary>
    public IReadOnlyDictionary<long, string> Questions { get; }

    /// <summary>Reads <paramref name="path"/>; every problem needs an integer <c>problem</c> and a string <c>question</c>.</summary>
    public static ProblemTexts Read(string path)
    {
        IReadOnlyList<ProblemRecord> records = ProblemFile.Read(path);
        var questions = new Dictionary<long, string>();
        foreach (ProblemRecord record in records)
        {
            long id = record.Fields.TryGetValue(MatchField, out JsonElement key) && key.TryGetInt64(out long value)
                ? value
                : throw SaeLabException.ForFile(path, $"problem {record.Index} has no integer field '{MatchField}'", "the dashboard matches texts to the activations' problems column by it");
            string text = record.Fields.TryGetValue(TextField, out JsonElement question) && question.ValueKind == JsonValueKind.String
                ? question.GetString()!
                : throw SaeLabException.ForFile(path, $"problem {record.Index} has no string field '{TextField}'");
            if (!questions.TryAdd(id, text))
            {
                throw SaeLabException.ForFile(path, $"two problems have {MatchField} = {id}");
            }
        }

        return new ProblemTexts(path, records, questions);
    }

    /// <summary>
    /// <paramref name="data"/> as it is when it has the <paramref name="labelKey"/> column; otherwise with that column
    /// derived from the worked answers (the labels <c>saelab label-ops</c> attaches), and a note saying so.
    /// </summary>
    public ActivationSet LabelIfUnlabelled(ActivationSet data, string labelKey, Action<string> notify)
    {
        if (data.HasColumn(labelKey))
        {
            return data;
        }

        ProblemLabeling labeling = ProblemLabeling.Of(Records);
        notify($"{data.Source} has no '{labelKey}' column: labelled each vector from its problem's worked answer in {Path}, as label-ops does");
        return LabelAttacher.Attach(data, Records, labeling.Labels.Select(l => l.Label).ToList(), MetadataKeys.Problems, MatchField, labelKey, Path);
    }
}
