using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The machinery of the second pass, and only that: the reading thread has each record decided
/// (<see cref="MergeDecision{TUser}"/>, then <see cref="RowDecision{TUser}"/>) and hands the outcomes, in batches and
/// in the order they were settled, to one writing thread that records them (<see cref="OutcomeRecorder{TUser}"/>). Both
/// see the outcomes in the same order, so the output is the same as on one thread, byte for byte.
/// </summary>
/// <typeparam name="TUser">The generated user type.</typeparam>
internal sealed class SecondPass<TUser> : IDisposable
    where TUser : class, IAlmaUser
{
    private const int BatchSize = 256;
    private const int BatchesInFlight = 16;

    private readonly MergeDecision<TUser> _decision;
    private readonly Action<RowOutcome> _keep;
    private readonly OutcomeRecorder<TUser> _recorder;
    private readonly BlockingCollection<Batch> _queue = new(BatchesInFlight);
    private readonly ConcurrentQueue<Batch> _free = new(); // recorded batches, for reuse
    private readonly CancellationTokenSource _writerFailed = new();
    private readonly Thread _writer;
    private Batch _batch = new();
    private Exception? _writerFailure;

    public SecondPass(MergeDecision<TUser> decision, OutcomeRecorder<TUser> recorder)
    {
        _decision = decision;
        _keep = Keep;
        _recorder = recorder;
        _writer = new Thread(Write) { IsBackground = true, Name = "Alma export writer" };
        _writer.Start();
    }

    /// <summary>Reads <paramref name="source"/> to its end, every record decided and handed to the writing thread, which it then waits for.</summary>
    public async Task RunAsync(IPatronSource source, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var record in source.ReadAsync(cancellationToken).ConfigureAwait(false))
                _decision.Decide(record, _keep);
            _decision.Finish();
        }
        catch (Exception exception)
        {
            StopWriting(exception);
            throw;
        }

        FinishWriting();
    }

    public void Dispose()
    {
        _writerFailed.Dispose();
        _queue.Dispose();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Keep(RowOutcome outcome)
    {
        // Into the batch's byte buffer, which is reused once the writing thread recorded the batch: no array per user
        // that would outlive a young-generation collection on its way to the other thread.
        var (offset, length) = outcome is RowOutcome.Written ? (_batch.Keep(_decision.Record), _decision.Record.Length) : (0, 0);
        _batch.Outcomes.Add(new Entry(outcome, offset, length));
        if (_batch.Outcomes.Count >= BatchSize)
            Hand();
    }

    private void Hand()
    {
        if (_batch.Outcomes.Count == 0)
            return;
        _queue.Add(_batch, _writerFailed.Token);
        _batch = _free.TryDequeue(out var reused) ? reused : new Batch();
    }

    /// <summary>Ends the writing thread after all records were handed over; throws its failure, if any.</summary>
    private void FinishWriting()
    {
        try
        {
            Hand();
        }
        catch (OperationCanceledException) when (_writerFailed.IsCancellationRequested)
        {
            // the writer's failure is thrown below
        }

        _queue.CompleteAdding();
        _writer.Join();
        if (_writerFailure is not null)
            ExceptionDispatchInfo.Throw(_writerFailure);
    }

    /// <summary>
    /// After reading failed with <paramref name="readFailure"/>: stops the writing thread, and throws the writer's
    /// own failure instead when that is what stopped reading (the reading thread then saw a cancelled hand-over).
    /// </summary>
    private void StopWriting(Exception readFailure)
    {
        _queue.CompleteAdding();
        _writer.Join();
        if (_writerFailure is not null && readFailure is OperationCanceledException && _writerFailed.IsCancellationRequested)
            ExceptionDispatchInfo.Throw(_writerFailure);
    }

    /// <summary>The writing thread: records the outcomes in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Write()
    {
        try
        {
            foreach (var batch in _queue.GetConsumingEnumerable())
            {
                foreach (var entry in batch.Outcomes)
                    _recorder.Record(entry.Outcome, batch.Bytes.AsSpan(entry.Offset, entry.Length));
                batch.Clear();
                _free.Enqueue(batch);
            }
        }
        catch (Exception exception)
        {
            _writerFailure = exception;
            _writerFailed.Cancel();
            foreach (var _ in _queue.GetConsumingEnumerable())
            {
                // Drain so that the reading thread is never left blocked on a full queue.
            }
        }
    }

    private readonly record struct Entry(RowOutcome Outcome, int Offset, int Length);

    /// <summary>The outcomes of up to <see cref="BatchSize"/> records in source order, and the record bytes of their users.</summary>
    private sealed class Batch
    {
        public readonly List<Entry> Outcomes = new(BatchSize);
        public byte[] Bytes = new byte[256 * 1024];
        private int _used;

        /// <summary>Copies <paramref name="record"/> in; returns where it starts in <see cref="Bytes"/>.</summary>
        public int Keep(ReadOnlySpan<byte> record)
        {
            if (_used + record.Length > Bytes.Length)
            {
                var bigger = new byte[Math.Max(Bytes.Length * 2, _used + record.Length)];
                Bytes.AsSpan(0, _used).CopyTo(bigger);
                Bytes = bigger;
            }

            var offset = _used;
            record.CopyTo(Bytes.AsSpan(offset));
            _used += record.Length;
            return offset;
        }

        public void Clear()
        {
            Outcomes.Clear();
            _used = 0;
        }
    }
}
