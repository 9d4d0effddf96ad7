using SaeLab.Settings;

namespace SaeLab.Tests.Settings;

public sealed class ClosestNameTests
{
    [Theory]
    [InlineData("trian", "train")]          // an adjacent swap is one edit
    [InlineData("--epocs", "--epochs")]
    [InlineData("EPOCHS", "--epochs")]      // neither case nor dashes are typos
    [InlineData("--batch", "--batch-size")] // an abbreviation
    [InlineData("label_ky", "label_key")]
    public void ATypo_FindsTheNameMeant(string typed, string expected) =>
        Assert.Equal(expected, ClosestName.To(typed, ["train", "eval", "--epochs", "--batch-size", "-h", "label_key"]));

    [Theory]
    [InlineData("--b")]    // dashes do not count: "b" is not one edit from "h"
    [InlineData("zzzzzz")]
    public void ADistantName_SuggestsNothing(string typed)
    {
        Assert.Null(ClosestName.To(typed, ["-h", "--epochs", "train"]));
        Assert.Equal("", ClosestName.Suggestion(typed, ["-h", "--epochs", "train"]));
    }
}
