using SaeLab.Data;

namespace SaeLab.Probing.Aggregation;

/// <summary>Where each activation row goes in its problem's sample: a slot (or −1: unused) and the slots' names.</summary>
internal sealed record SlotLayout(int[] SlotOfRow, string[] Names)
{
    public static SlotLayout For(ActivationSet set, AggregationSpec spec) => spec.Kind switch
    {
        AggregationKind.Mean or AggregationKind.Max => new SlotLayout(new int[set.Count], ["all tokens and layers"]),
        AggregationKind.LayerMean => PerLayer(set.Ints(MetadataKeys.Layers)),
        AggregationKind.Concat => PerLayerAndToken(Keys(set)),
        _ => SingleVector(set, spec),
    };

    private static SlotLayout PerLayer(long[] layers)
    {
        long[] present = layers.Distinct().Order().ToArray();
        return new SlotLayout(layers.Select(l => Array.IndexOf(present, l)).ToArray(), present.Select(l => $"layer {l}").ToArray());
    }

    private static SlotLayout PerLayerAndToken((long Layer, long Token)[] keys)
    {
        (long Layer, long Token)[] present = keys.Distinct().Order().ToArray();
        return new SlotLayout(keys.Select(k => Array.IndexOf(present, k)).ToArray(), present.Select(Name).ToArray());
    }

    private static SlotLayout SingleVector(ActivationSet set, AggregationSpec spec)
    {
        (long Layer, long Token)[] keys = Keys(set);
        int[] slots = keys.Select(k => k == (spec.Layer, spec.Token) ? 0 : -1).ToArray();
        if (!slots.Contains(0))
        {
            throw SaeLabException.ForFile(
                set.Source,
                $"aggregation '{spec}': no vector has token {spec.Token} at layer {spec.Layer}",
                $"tokens present: {string.Join(", ", keys.Select(k => k.Token).Distinct().Order())}; layers present: {string.Join(", ", keys.Select(k => k.Layer).Distinct().Order())}");
        }

        return new SlotLayout(slots, [Name((spec.Layer, spec.Token))]);
    }

    private static (long Layer, long Token)[] Keys(ActivationSet set)
    {
        long[] layers = set.Ints(MetadataKeys.Layers), tokens = set.Ints(MetadataKeys.Tokens);
        return layers.Zip(tokens).ToArray();
    }

    private static string Name((long Layer, long Token) key) => $"token {key.Token} at layer {key.Layer}";
}
