using SkiaSharp;

namespace SaeLab.Tests.Figures;

/// <summary>
/// A PNG snapshot kept in the repository, compared pixel by pixel with a small tolerance (anti-aliasing may shift a few
/// edge pixels between renderer builds; a moved line, bar or label changes far more). With
/// <c>SAELAB_UPDATE_SNAPSHOTS=1</c> the test rewrites its snapshot from the PNG it drew; look at it before committing.
/// </summary>
internal static class PngSnapshot
{
    // A pixel differs when a channel moves by more than this; the image differs when more than this share of pixels do.
    private const int ChannelTolerance = 48;
    private const double DifferingPixelsAllowed = 0.002;

    /// <summary>The folder of the PNG snapshots.</summary>
    public static string Folder => Path.Combine(TestData.RepositoryRoot, "tests", "SaeLab.Tests", "Figures", "Snapshots");

    /// <summary>Fails unless the PNG at <paramref name="actualPath"/> looks like the snapshot <paramref name="name"/>.</summary>
    public static void AssertMatches(string name, string actualPath)
    {
        string snapshot = Path.Combine(Folder, name);
        if (Environment.GetEnvironmentVariable(SnapshotFile.UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Folder);
            File.Copy(actualPath, snapshot, overwrite: true);
        }

        Assert.True(File.Exists(snapshot), $"no snapshot {name}: run the tests with {SnapshotFile.UpdateVariable}=1 to write it, look at it, and commit it");
        using SKBitmap expected = SKBitmap.Decode(snapshot);
        using SKBitmap actual = SKBitmap.Decode(actualPath);
        Assert.True(expected.Width == actual.Width && expected.Height == actual.Height, $"{name}: {actual.Width}×{actual.Height}, snapshot {expected.Width}×{expected.Height}");
        double differing = DifferingFraction(expected, actual);
        Assert.True(
            differing <= DifferingPixelsAllowed,
            $"{name}: {differing:P2} of pixels differ from the snapshot (drawn: {actualPath}). If the change is intended, run the tests with {SnapshotFile.UpdateVariable}=1, look at the new PNG and commit it.");
    }

    private static double DifferingFraction(SKBitmap expected, SKBitmap actual)
    {
        long differing = 0;
        for (int y = 0; y < expected.Height; y++)
        {
            for (int x = 0; x < expected.Width; x++)
            {
                SKColor a = expected.GetPixel(x, y), b = actual.GetPixel(x, y);
                int change = Math.Max(Math.Max(Math.Abs(a.Red - b.Red), Math.Abs(a.Green - b.Green)), Math.Max(Math.Abs(a.Blue - b.Blue), Math.Abs(a.Alpha - b.Alpha)));
                if (change > ChannelTolerance)
                {
                    differing++;
                }
            }
        }

        return (double)differing / (expected.Width * expected.Height);
    }
}
