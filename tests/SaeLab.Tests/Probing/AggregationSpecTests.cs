using SaeLab.Probing.Aggregation;

namespace SaeLab.Tests.Probing;

public sealed class AggregationSpecTests
{
    [Theory]
    [InlineData("mean", "mean")]
    [InlineData(" max ", "max")]
    [InlineData("concat", "concat")]
    [InlineData("layer-mean", "layer-mean")]
    [InlineData("token:1@layer:8", "token:1@layer:8")]
    [InlineData("token1@8", "token:1@layer:8")]
    [InlineData("token1@layer8", "token:1@layer:8")]
    [InlineData("token:0@layer:-1", "token:0@layer:-1")]
    public void Parse_AcceptsEveryFormAndPrintsCanonically(string text, string canonical)
    {
        AggregationSpec spec = AggregationSpec.Parse(text);

        Assert.Equal(canonical, spec.ToString());
        Assert.Equal(spec, AggregationSpec.Parse(canonical));
    }

    [Theory]
    [InlineData("Mean")]
    [InlineData("token:1")]
    [InlineData("token:x@layer:8")]
    [InlineData("layer:8")]
    [InlineData("")]
    public void Parse_RejectsAndListsTheAllowedForms(string text)
    {
        var e = Assert.Throws<SaeLabException>(() => AggregationSpec.Parse(text));

        Assert.Contains("token:T@layer:L", e.Message);
        Assert.Contains("layer-mean", e.Message);
    }
}
