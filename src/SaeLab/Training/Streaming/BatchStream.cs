using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using SaeLab.Data.Shards;
using SaeLab.Training.Architectures;
using SaeLab.Training.Supervised;

namespace SaeLab.Training.Streaming;

/// <summary>
/// A reader thread that fills a bounded queue of mini-batches while training consumes them: per epoch it walks the
/// <see cref="ChunkShuffle"/> windows, reads each window's chunks into the shuffle buffer, and copies the buffer's rows
/// in the window's order into pooled batch buffers of <c>batchSize</c> rows (the last batch of an epoch keeps the
/// remainder, as in <see cref="SaeTrainer"/>). The pool holds queue + 2 buffers, so memory stays fixed. A resumed run
/// starts at its checkpoint's position: the shuffles of the epochs before it are drawn again without reading (so the random
/// source is where it was), and the rows of the position's finished batches are skipped, their windows unread.
/// </summary>
internal sealed class BatchStream : IEpochBatches
{
    private readonly IRowSource _source;
    private readonly ChunkShuffle _shuffle;
    private readonly Random _random;
    private readonly int _epochs;
    private readonly int _batchSize;
    private readonly BatchPosition _start;
    private readonly int _resampleEvery;
    private readonly int[] _batchRows;
    private readonly BlockingCollection<StreamBatch> _ready;
    private readonly BlockingCollection<StreamBatch> _free;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _reader;
    private ExceptionDispatchInfo? _failure;

    /// <param name="source">The rows.</param>
    /// <param name="shuffle">The chunk permutation and shuffle buffer that order them.</param>
    /// <param name="random">The run's random source, drawn by the reader thread only from here on.</param>
    /// <param name="epochs">Epochs in the run.</param>
    /// <param name="batchSize">Rows per batch (the last of an epoch keeps the remainder).</param>
    /// <param name="queueBatches">Batches prepared ahead.</param>
    /// <param name="start">Where the stream begins: <see cref="BatchPosition.Start"/> for a fresh run.</param>
    /// <param name="resampleEvery">The resampling interval (0: none), after whose steps <see cref="Step"/> collects the garbage.</param>
    public BatchStream(IRowSource source, ChunkShuffle shuffle, Random random, int epochs, int batchSize, int queueBatches, BatchPosition start, int resampleEvery)
    {
        _source = source;
        _shuffle = shuffle;
        _random = random;
        _epochs = epochs;
        _batchSize = batchSize;
        _start = start;
        _resampleEvery = resampleEvery;
        _batchRows = [.. Enumerable.Range(0, batchSize)];
        _ready = new BlockingCollection<StreamBatch>(queueBatches);
        _free = new BlockingCollection<StreamBatch>();
        for (int i = 0; i < queueBatches + 2; i++)
        {
            _free.Add(new StreamBatch(new float[batchSize * source.Dim], new long[batchSize], 0, 0));
        }

        _reader = new Thread(Run) { IsBackground = true, Name = "saelab shard reader" };
        _reader.Start();
    }

    /// <summary>The next batch; rethrows the reader's error, if it failed.</summary>
    private StreamBatch Take(CancellationToken cancellationToken)
    {
        if (_ready.TryTake(out StreamBatch batch, Timeout.Infinite, cancellationToken))
        {
            return batch;
        }

        _failure?.Throw();
        throw new InvalidOperationException("the shard reader stopped before the last batch");
    }

    /// <summary>Hands a batch's buffers back to the pool once the step has used them.</summary>
    private void Return(StreamBatch batch) => _free.Add(batch);

    /// <summary>Nothing to do: the reader thread draws each epoch's order as it gets there.</summary>
    public void BeginEpoch(int epoch)
    {
    }

    /// <summary>
    /// Trains <paramref name="step"/> on the next batch and hands its buffer back; a supervised step is told the batch's
    /// source rows, which its classes are indexed by.
    /// </summary>
    public BatchLoss Step(ISaeTrainingStep step, int epoch, int batch, CancellationToken cancellationToken)
    {
        StreamBatch next = Take(cancellationToken);
        if (next.Epoch != epoch)
        {
            throw new InvalidOperationException($"batch of epoch {next.Epoch} arrived in epoch {epoch}");
        }

        if (step is SupervisedTrainingStep supervised)
        {
            supervised.StreamedRows = next.SourceRows;
        }

        BatchLoss loss = step.Step(next.Values.AsSpan(0, next.Rows * _source.Dim), _batchRows.AsSpan(0, next.Rows));
        Return(next);
        CollectAfterResampling(step);
        return loss;
    }

    /// <summary>Stops the reader thread and waits for it.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _reader.Join();
        _stop.Dispose();
        _ready.Dispose();
        _free.Dispose();
    }

    /// <summary>
    /// Collects the garbage of a resampling step at once: each resampling allocates a draw from the methods' sample and its
    /// scoring buffers (<see cref="StreamingMemoryPlan.SampleBytesFor"/> counts one set), and the GC, which does not know
    /// the cap, let eight of them pile up 30 MB past a 96 MB cap (409,600 × 256 vectors, <c>--resample-every 200</c>).
    /// A full collection of a heap of a few large float arrays takes milliseconds, once per resampling interval.
    /// </summary>
    private void CollectAfterResampling(ISaeTrainingStep step)
    {
        if (_resampleEvery > 0 && step.Optimizer.Steps % _resampleEvery == 0)
        {
            GC.Collect();
        }
    }

    private void Run()
    {
        try
        {
            float[] window = new float[(long)_shuffle.WindowRows * _source.Dim];
            long[] windowRows = new long[_shuffle.WindowRows];
            for (int epoch = 1; epoch < _start.Epoch; epoch++)
            {
                foreach (ShuffleWindow _ in _shuffle.Epoch(_random))
                {
                }
            }

            for (int epoch = _start.Epoch; epoch <= _epochs; epoch++)
            {
                ProduceEpoch(window, windowRows, epoch, epoch == _start.Epoch ? (long)_start.Batches * _batchSize : 0);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _ready.CompleteAdding();
        }
    }

    // One epoch's batches, from its row skipRows on (the windows wholly before it are not read); windowRows holds the
    // source row of each window position.
    private void ProduceEpoch(float[] window, long[] windowRows, int epoch, long skipRows)
    {
        int d = _source.Dim;
        StreamBatch batch = _free.Take(_stop.Token);
        int filled = 0;
        foreach (ShuffleWindow next in _shuffle.Epoch(_random))
        {
            if (skipRows >= next.Order.Count)
            {
                skipRows -= next.Order.Count;
                continue;
            }

            int offset = 0;
            foreach (RowChunk chunk in next.Chunks)
            {
                _source.ReadRows(chunk.First, chunk.Rows, window.AsSpan(offset * d, chunk.Rows * d));
                for (int row = 0; row < chunk.Rows; row++)
                {
                    windowRows[offset + row] = chunk.First + row;
                }

                offset += chunk.Rows;
            }

            for (int position = (int)skipRows; position < next.Order.Count; position++)
            {
                window.AsSpan(next.Order[position] * d, d).CopyTo(batch.Values.AsSpan(filled * d, d));
                batch.SourceRows[filled] = windowRows[next.Order[position]];
                if (++filled == _batchSize)
                {
                    _ready.Add(batch with { Rows = filled, Epoch = epoch }, _stop.Token);
                    batch = _free.Take(_stop.Token);
                    filled = 0;
                }
            }

            skipRows = 0;
        }

        if (filled > 0)
        {
            _ready.Add(batch with { Rows = filled, Epoch = epoch }, _stop.Token);
        }
        else
        {
            _free.Add(batch);
        }
    }

    /// <summary>One mini-batch the reader thread prepared: <see cref="Rows"/> vectors, contiguous, at the start of <see cref="Values"/>.</summary>
    /// <param name="Values">A pooled buffer [batch capacity, d]; hand the batch back with <see cref="Return"/>.</param>
    /// <param name="SourceRows">The source row of each of its vectors (pooled with <see cref="Values"/>): what labels a streamed supervised batch.</param>
    /// <param name="Rows">Vectors in the batch.</param>
    /// <param name="Epoch">1-based epoch it belongs to.</param>
    private readonly record struct StreamBatch(float[] Values, long[] SourceRows, int Rows, int Epoch);
}
