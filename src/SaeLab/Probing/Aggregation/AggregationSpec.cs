using System.Globalization;
using System.Text.RegularExpressions;

namespace SaeLab.Probing.Aggregation;

/// <summary>An aggregation as written on the command line: <c>mean</c>, <c>token:T@layer:L</c>, <c>concat</c>, <c>layer-mean</c> or <c>max</c>.</summary>
public sealed partial record AggregationSpec(AggregationKind Kind, long Token = 0, long Layer = 0)
{
    /// <summary>The forms <see cref="Parse"/> accepts, for help text and errors.</summary>
    public const string AllowedForms = "mean, max, concat, layer-mean, token:T@layer:L (also tokenT@layerL or tokenT@L), e.g. token:1@layer:8";

    /// <summary>Mean over all tokens and layers: the seed's pilot aggregation.</summary>
    public static AggregationSpec Mean { get; } = new(AggregationKind.Mean);

    /// <summary>The vector of token <paramref name="token"/> at layer <paramref name="layer"/>.</summary>
    public static AggregationSpec At(long token, long layer) => new(AggregationKind.Token, token, layer);

    /// <summary>Parses <paramref name="text"/> strictly; a <see cref="SaeLabException"/> lists the allowed forms.</summary>
    public static AggregationSpec Parse(string text)
    {
        string spec = text.Trim();
        switch (spec)
        {
            case "mean": return Mean;
            case "max": return new(AggregationKind.Max);
            case "concat": return new(AggregationKind.Concat);
            case "layer-mean": return new(AggregationKind.LayerMean);
        }

        Match match = TokenPattern().Match(spec);
        return match.Success
            ? At(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : throw new SaeLabException($"unknown aggregation '{text}'; allowed: {AllowedForms}");
    }

    /// <summary>The canonical text (<see cref="Parse"/> reads it back).</summary>
    public override string ToString() => Kind switch
    {
        AggregationKind.Token => $"token:{Token}@layer:{Layer}",
        AggregationKind.LayerMean => "layer-mean",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    [GeneratedRegex(@"^token:?(\d{1,9})@(?:layer:?)?(-?\d{1,9})$")]
    private static partial Regex TokenPattern();
}
