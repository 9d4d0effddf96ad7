using SaeLab.Experiments;
using SaeLab.Figures;

namespace SaeLab.Tests.Experiments;

/// <summary>
/// Runs one experiment (YAML text) once for all the tests of a class, in a temporary folder removed afterwards; its
/// relative paths resolve against the folder of the experiment path given (<c>tiny.yaml</c>, the working folder, unless set).
/// </summary>
public abstract class ExperimentRunFixture : IDisposable
{
    protected ExperimentRunFixture(string yaml, string folderPrefix, string experimentPath = "tiny.yaml")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory(folderPrefix).FullName;
        Results = ReportedExperiment.Run(ExperimentFile.Parse(yaml, experimentPath), experimentPath, Directory);
    }

    public string Directory { get; }

    public ExperimentResults Results { get; }

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
