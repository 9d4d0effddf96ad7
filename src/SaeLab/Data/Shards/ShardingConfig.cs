using SaeLab.Settings;
using SaeLab.Tensors;

namespace SaeLab.Data.Shards;

/// <summary>How <see cref="ShardWriter"/> cuts a set into shards.</summary>
public sealed record ShardingConfig
{
    /// <summary>Vectors per shard (<c>--rows-per-shard</c>); null: as many as fit in <see cref="DefaultShardBytes"/> of float32 (the help's 64 MB; an attribute takes no computed text). The last shard keeps the remainder.</summary>
    [Setting("--rows-per-shard", "Vectors per shard", DefaultText = "as many as fit in 64 MB of float32")]
    public int? RowsPerShard { get; init; }

    /// <summary>Element type of the written activations (<c>--dtype</c>): float32, float16 or bfloat16 (rounded to nearest even).</summary>
    [Setting("--dtype", "Element type of the shards: f32, f16 or bf16", FloatType = true)]
    public DType DType { get; init; } = DType.Float32;

    /// <summary>
    /// Drop the vectors holding NaN or ±Inf (<c>--skip-nonfinite</c>), with their metadata, instead of refusing the source;
    /// the shards then hold fewer rows than <see cref="RowsPerShard"/>.
    /// </summary>
    public bool SkipNonFinite { get; init; }

    /// <summary>Target size of a shard when <see cref="RowsPerShard"/> is not set: 64 MiB, small enough to write from memory.</summary>
    public const long DefaultShardBytes = 64L << 20;

    /// <summary>The rows per shard for vectors of dimension <paramref name="dim"/>.</summary>
    public int ResolveRowsPerShard(int dim) => RowsPerShard ?? (int)Math.Clamp(DefaultShardBytes / (4L * dim), 1, int.MaxValue);

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first invalid option and its allowed values.</summary>
    public void Validate()
    {
        if (RowsPerShard is < 1)
        {
            throw new SaeLabException($"--rows-per-shard must be ≥ 1, got {RowsPerShard}");
        }

        if (DType is not (DType.Float32 or DType.Float16 or DType.BFloat16))
        {
            throw new SaeLabException($"--dtype must be f32, f16 or bf16, got {DTypeInfo.DisplayName(DType)}");
        }
    }
}
