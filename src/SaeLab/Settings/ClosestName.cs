namespace SaeLab.Settings;

/// <summary>"Did you mean": the known name nearest a mistyped one, for option, command, choice and YAML key errors.</summary>
public static class ClosestName
{
    /// <summary>
    /// The candidate <paramref name="typed"/> is most likely a typo of (fewest edits, an adjacent swap counting as one),
    /// or one it abbreviates; null when none is close enough to suggest.
    /// </summary>
    public static string? To(string typed, IEnumerable<string> candidates)
    {
        string lowered = Bare(typed);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            string known = Bare(candidate);
            int distance = lowered.Length >= 3 && known.StartsWith(lowered, StringComparison.Ordinal) ? 1 : EditDistance(lowered, known);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        // At most a third of the name retyped, and never all of it (one-letter names are not typos of each other).
        return bestDistance <= Math.Max(1, lowered.Length / 3) && bestDistance < lowered.Length ? best : null;
    }

    // Option dashes and case are not part of what was mistyped: "--b" is not one edit from "-h".
    private static string Bare(string name) => name.TrimStart('-').ToLowerInvariant();

    /// <summary>"; did you mean 'x'?" when a candidate is close to <paramref name="typed"/>, else the empty string: a tail for an error's problem.</summary>
    public static string Suggestion(string typed, IEnumerable<string> candidates) =>
        To(typed, candidates) is { } near ? $"; did you mean '{near}'?" : "";

    // Optimal string alignment distance: insertions, deletions, substitutions and swaps of adjacent characters.
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
