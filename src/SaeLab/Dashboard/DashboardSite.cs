using SaeLab.Analysis;
using SaeLab.Data;
using SaeLab.IO;

namespace SaeLab.Dashboard;

/// <summary>
/// Writes a feature dashboard folder, atomically: <c>index.html</c> with its script and style, <c>analysis.json</c>
/// (the analyze JSON the cards' numbers come from), and in <c>data/</c> the index, the vectors' metadata, the
/// problem texts and the feature cards in chunks.
/// </summary>
public static class DashboardSite
{
    /// <summary>The page to open.</summary>
    public const string IndexFileName = "index.html";

    /// <summary>The analyze JSON inside the folder.</summary>
    public const string AnalysisFileName = "analysis.json";

    /// <summary>The folder of the data scripts.</summary>
    public const string DataFolder = "data";

    /// <summary>Writes the dashboard of <paramref name="analysis"/> (computed on <paramref name="data"/>) into <paramref name="directory"/>.</summary>
    public static void Write(string directory, FeatureAnalysis analysis, ActivationSet data, ProblemTexts? texts, DashboardOptions options, string title)
    {
        AtomicDirectory.Write(directory, temp =>
        {
            SiteAssets.CopyTo(temp);
            File.WriteAllText(Path.Combine(temp, AnalysisFileName), JsonFiles.Serialize(analysis) + "\n");
            string dataFolder = Directory.CreateDirectory(Path.Combine(temp, DataFolder)).FullName;
            WriteScript(dataFolder, "index.js", "index", DashboardIndex.Of(analysis, title, options.FeaturesPerChunk, texts is not null));
            WriteScript(dataFolder, "vectors.js", "vectors", VectorColumns(data, analysis.Options.LabelKey));
            WriteScript(dataFolder, "texts.js", "texts", QuestionsOf(data, texts));
            foreach (FeatureChunk chunk in FeatureChunk.Split(analysis, options.FeaturesPerChunk))
            {
                WriteScript(dataFolder, FeatureChunk.FileName(chunk.Index), "chunk", chunk);
            }
        });
    }

    private static void WriteScript<T>(string folder, string file, string name, T payload) =>
        File.WriteAllText(Path.Combine(folder, file), DashboardScript.Of(name, payload));

    /// <summary>The metadata the cards show per vector: problem, layer, token and label, where the data have them.</summary>
    private static Dictionary<string, object> VectorColumns(ActivationSet data, string labelKey)
    {
        var columns = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (string name in new[] { MetadataKeys.Problems, MetadataKeys.Layers, MetadataKeys.Tokens, labelKey }.Where(data.HasColumn).Distinct())
        {
            MetadataColumn column = data.Column(name);
            columns[name] = column is IntColumn ints ? ints.Values : Enumerable.Range(0, column.Length).Select(column.TextAt).ToArray();
        }

        return columns;
    }

    /// <summary>Question text by problem id, for the problems the data hold; empty without texts or a problems column.</summary>
    private static SortedDictionary<long, string> QuestionsOf(ActivationSet data, ProblemTexts? texts)
    {
        var questions = new SortedDictionary<long, string>();
        if (texts is null || !data.HasColumn(MetadataKeys.Problems))
        {
            return questions;
        }

        foreach (long problem in data.Ints(MetadataKeys.Problems).Distinct())
        {
            if (texts.Questions.TryGetValue(problem, out string? question))
            {
                questions[problem] = question;
            }
        }

        return questions;
    }
}
