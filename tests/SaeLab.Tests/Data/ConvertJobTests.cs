using SaeLab.Data;
using SaeLab.Tensors;

namespace SaeLab.Tests.Data;

public sealed class ConvertJobTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-convert-job-").FullName;
    private readonly string _input;

    public ConvertJobTests()
    {
        _input = Path.Combine(_dir, "pairs.safetensors");
        ActivationWriter.Write(ProblemSplitVectorsTests.TwoVectorsPerProblem(), _input);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Run_WritesTheSetInTheFormatAndTypeAsked()
    {
        string output = Path.Combine(_dir, "pairs.data");

        ActivationFile read = new ConvertJob { Input = _input, Output = output, Format = ActivationFileFormat.Npz, ElementType = DType.Float16 }.Run();

        ActivationFile written = ActivationLoader.Open(output);
        Assert.Equal(ActivationFileFormat.Npz, written.Format);
        Assert.Equal(read.Set.Values, written.Set.Values);
        Assert.Equal(read.Set.Columns.Select(c => c.Name), written.Set.Columns.Select(c => c.Name));
    }

    [Theory]
    [InlineData("out.npz", ".npz cannot hold bfloat16")]
    [InlineData("out.txt", "no writable format for extension '.txt'")]
    public void AnOutputThatCannotHoldTheSet_IsRefusedBeforeReading(string output, string message)
    {
        var job = new ConvertJob { Input = "no-such-file.pt", Output = Path.Combine(_dir, output), ElementType = DType.BFloat16 };

        var error = Assert.Throws<SaeLabException>(() => job.Run());

        Assert.Contains(message, error.Message);
    }
}
