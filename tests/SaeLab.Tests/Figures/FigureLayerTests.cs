using SaeLab.Experiments;

namespace SaeLab.Tests.Figures;

/// <summary>Computing and drawing are separate assemblies: the core library carries no plotting library or its native assets.</summary>
public sealed class FigureLayerTests
{
    [Fact]
    public void TheCoreLibrary_ReferencesNoPlottingLibrary()
    {
        string[] references = [.. typeof(ExperimentRunner).Assembly.GetReferencedAssemblies().Select(a => a.Name!)];

        Assert.DoesNotContain(references, name => name.StartsWith("ScottPlot", StringComparison.Ordinal) || name.StartsWith("SkiaSharp", StringComparison.Ordinal));
        Assert.Contains(typeof(SaeLab.Figures.Chart).Assembly.GetReferencedAssemblies(), a => a.Name == "ScottPlot");
    }
}
