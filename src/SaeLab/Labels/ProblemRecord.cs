using System.Text.Json;

namespace SaeLab.Labels;

/// <summary>
/// One problem of a problems file (a JSON array of objects): its worked <c>answer</c>, an optional stored
/// <c>operation_type</c>, and its other fields kept as JSON for matching to activations (e.g. <c>problem</c>, <c>gsm8k_idx</c>, <c>id</c>).
/// </summary>
public sealed record ProblemRecord(int Index, string Answer, string? OperationType, IReadOnlyDictionary<string, JsonElement> Fields)
{
    /// <summary>The field naming a problem across files (<c>"train_4559"</c> in <c>gsm8k_operation_samples_600.json</c>).</summary>
    public const string IdField = "id";

    /// <summary>
    /// The problem's <c>id</c>: a string as it is, a number as its JSON text; null when the file has none (as
    /// <c>codi_llama_ct_20.problems.json</c>, whose problems are named by <c>problem</c> and <c>gsm8k_idx</c>).
    /// </summary>
    public string? Id => Fields.TryGetValue(IdField, out JsonElement id)
        ? id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        }
        : null;
}
