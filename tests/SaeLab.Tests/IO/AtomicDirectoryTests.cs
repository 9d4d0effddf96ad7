using SaeLab.IO;

namespace SaeLab.Tests.IO;

public sealed class AtomicDirectoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_ReplacesTheWholeFolder()
    {
        string target = Path.Combine(_dir, "site");
        AtomicDirectory.Write(target, temp => File.WriteAllText(Path.Combine(temp, "old.txt"), "old"));

        AtomicDirectory.Write(target, temp => File.WriteAllText(Path.Combine(temp, "new.txt"), "new"));

        Assert.Equal(["new.txt"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal(["site"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void AFailedWrite_LeavesTheOldFolderAndNoTemporaryOne()
    {
        string target = Path.Combine(_dir, "site");
        AtomicDirectory.Write(target, temp => File.WriteAllText(Path.Combine(temp, "old.txt"), "old"));

        Assert.Throws<InvalidOperationException>(() => AtomicDirectory.Write(target, temp =>
        {
            File.WriteAllText(Path.Combine(temp, "half.txt"), "half");
            throw new InvalidOperationException("interrupted");
        }));

        Assert.Equal(["old.txt"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal(["site"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void AFileInTheWay_IsAUserError()
    {
        string target = Path.Combine(_dir, "site");
        File.WriteAllText(target, "a file");

        var error = Assert.Throws<SaeLabException>(() => AtomicDirectory.Write(target, _ => { }));
        Assert.Contains("is a file", error.Message);
    }
}
