using SaeLab.Analysis;
using SaeLab.Reports;
using SaeLab.Tests.Analysis;
using SaeLab.Tests.Evaluation;

namespace SaeLab.Tests.Reports;

public sealed class AnalysisReportTests
{
    [Fact]
    public void Markdown_ListsTheTopFeatures()
    {
        string markdown = AnalysisReport.Markdown(FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), FeatureAnalyzerTests.Grid()));

        Assert.Contains("| feature | usage | max | label | selectivity | layer | token | mean a | mean b |", markdown);
        Assert.Contains("| 0 | 10 | 3.000 | a | 2.00 | 8 | 1 | 1.2000 | 0.0000 |", markdown);
        Assert.Contains("layer 4, token 0 with 1 features (2.00× the uniform 0.50)", markdown);
    }

    [Fact]
    public void MarkdownWithTopZero_HasNoTable_AndDoesNotClaimNoFeatureIsUsed()
    {
        string markdown = AnalysisReport.Markdown(FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), FeatureAnalyzerTests.Grid(), new AnalysisOptions { Top = 0 }));

        Assert.Contains("- used features (|z| > 0.001 on ≥ 1 vector): 2", markdown);
        Assert.DoesNotContain("| feature |", markdown);
        Assert.DoesNotContain("No feature is used", markdown);
    }
}
