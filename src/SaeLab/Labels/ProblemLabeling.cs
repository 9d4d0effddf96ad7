namespace SaeLab.Labels;

/// <summary>The operation label derived for each problem of a problems file, and how it compares with stored labels.</summary>
/// <param name="Problems">Number of problems.</param>
/// <param name="Counts">Problems per derived label.</param>
/// <param name="Compared">Problems that carried a stored <c>operation_type</c>.</param>
/// <param name="Agreeing">Of those, how many the derived label matches.</param>
/// <param name="Labels">One entry per problem, in file order.</param>
public sealed record ProblemLabeling(int Problems, IReadOnlyDictionary<string, int> Counts, int Compared, int Agreeing, IReadOnlyList<ProblemLabel> Labels)
{
    /// <summary>Labels every problem with <see cref="OperationLabeler"/>.</summary>
    public static ProblemLabeling Of(IReadOnlyList<ProblemRecord> problems)
    {
        var labels = problems.Select(p => new ProblemLabel(p.Index, p.Id, OperationLabeler.Classify(p.Answer), p.OperationType)).ToList();
        var counts = labels.GroupBy(l => l.Label).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        int compared = labels.Count(l => l.Stored is not null);
        int agreeing = labels.Count(l => l.Stored == l.Label);
        return new ProblemLabeling(problems.Count, counts, compared, agreeing, labels);
    }
}

/// <summary>One problem's derived label and its stored one, if any.</summary>
/// <param name="Index">Position in the problems file (0-based).</param>
/// <param name="Id">The problem's <c>id</c> field (<see cref="ProblemRecord.Id"/>), so labels can be joined by id rather than by position; omitted from JSON when the file has none.</param>
/// <param name="Label">The derived label.</param>
/// <param name="Stored">The file's <c>operation_type</c>, if it has one.</param>
public sealed record ProblemLabel(int Index, string? Id, string Label, string? Stored);
