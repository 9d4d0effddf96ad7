namespace SaeLab.Data.Shards;

/// <summary>
/// The order in which a streaming run visits rows it cannot hold at once, in two levels as WebDataset and
/// MosaicML Streaming shuffle sharded sets: each epoch the chunks (runs of <c>chunkRows</c> consecutive rows, never
/// crossing a shard) are permuted globally, then taken in groups filling a shuffle buffer of <c>windowRows</c> rows,
/// whose rows are permuted again. Every row is visited exactly once per epoch, and one seeded <see cref="Random"/>
/// fixes the order. Rows far apart mix only through the chunk permutation, so the order is less random than
/// the in-memory trainer's full shuffle; a larger buffer brings it closer.
/// </summary>
public sealed class ChunkShuffle
{
    private readonly RowChunk[] _chunks;
    private readonly RowChunk[] _window;
    private readonly int[] _order;

    /// <summary>Cuts each shard [starts[i], starts[i + 1]) into chunks of <paramref name="chunkRows"/> rows.</summary>
    public ChunkShuffle(IReadOnlyList<long> shardStarts, int chunkRows, int windowRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkRows);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowRows, chunkRows);
        var chunks = new List<RowChunk>();
        for (int shard = 0; shard + 1 < shardStarts.Count; shard++)
        {
            for (long first = shardStarts[shard]; first < shardStarts[shard + 1]; first += chunkRows)
            {
                chunks.Add(new RowChunk(first, (int)Math.Min(chunkRows, shardStarts[shard + 1] - first)));
            }
        }

        _chunks = [.. chunks];
        WindowRows = windowRows;
        _window = new RowChunk[windowRows / chunkRows];
        _order = new int[windowRows];
    }

    /// <summary>Every chunk: in storage order until the first epoch, then in the last epoch's order.</summary>
    public IReadOnlyList<RowChunk> Chunks => _chunks;

    /// <summary>Most rows a window holds: the shuffle buffer's size.</summary>
    public int WindowRows { get; }

    /// <summary>
    /// One epoch's windows, drawn from <paramref name="random"/>: the chunk permutation first, then each window's
    /// row permutation as the window is reached. A window is valid until the next is enumerated.
    /// </summary>
    public IEnumerable<ShuffleWindow> Epoch(Random random)
    {
        random.Shuffle(_chunks);
        int next = 0;
        while (next < _chunks.Length)
        {
            int count = 0, rows = 0;
            while (next < _chunks.Length && count < _window.Length && rows + _chunks[next].Rows <= WindowRows)
            {
                rows += _chunks[next].Rows;
                _window[count++] = _chunks[next++];
            }

            for (int i = 0; i < rows; i++)
            {
                _order[i] = i;
            }

            random.Shuffle(_order.AsSpan(0, rows));
            yield return new ShuffleWindow(new ArraySegment<RowChunk>(_window, 0, count), new ArraySegment<int>(_order, 0, rows));
        }
    }
}
