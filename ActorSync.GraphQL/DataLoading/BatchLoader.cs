using GraphQL.DataLoader;

namespace ActorSync.GraphQL.DataLoading;

/// <summary>
/// A request-scoped batch loader. Keys asked for while one execution level runs are queued; the first
/// resolver that awaits its value dispatches the whole queue as one batch: de-duplicated, looked up in
/// <see cref="TryGetManyAsync"/> at once, and the rest fetched concurrently with a bound. Every key is
/// fetched at most once per request: later loads of the same key share the first one's outcome.
/// </summary>
public abstract class BatchLoader<TKey, TValue>(int maxConcurrency) where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Entry> _entries = [];
    private List<Entry> _queue = [];

    /// <summary>How many batches were dispatched (for tests and per-request figures).</summary>
    public int BatchCount { get; private set; }

    public int MaxConcurrency { get; } = maxConcurrency > 0
        ? maxConcurrency
        : throw new ArgumentOutOfRangeException(nameof(maxConcurrency), "The concurrency bound must be positive.");

    /// <summary>Queues a key (unless this request already asked for it) and returns its pending value.</summary>
    public IDataLoaderResult<TValue> Load(TKey key) => LoadEntry(key);

    private Entry LoadEntry(TKey key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = new Entry(this, key);
                _entries.Add(key, entry);
                _queue.Add(entry);
            }
            return entry;
        }
    }

    /// <summary>Queues several keys; the result lists their values in the order given.</summary>
    public IDataLoaderResult<IReadOnlyList<TValue>> LoadMany(IEnumerable<TKey> keys) =>
        new ManyResult(keys.Select(LoadEntry).ToArray());

    /// <summary>Fetches one key from the source (called with at most <see cref="MaxConcurrency"/> in flight).</summary>
    protected abstract Task<TValue> FetchAsync(TKey key, CancellationToken cancellationToken);

    /// <summary>One look-up round for a whole batch (a cache, say); keys it returns are not fetched.</summary>
    protected virtual Task<IReadOnlyDictionary<TKey, TValue>> TryGetManyAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<TKey, TValue>>(new Dictionary<TKey, TValue>());

    /// <summary>A look-up that found its values at once (what a cache held), each mapped to what this loader returns.</summary>
    protected static Task<IReadOnlyDictionary<TKey, TValue>> Completed<TFound>(IReadOnlyDictionary<TKey, TFound?> found, Func<TFound, TValue> map)
        where TFound : class
    {
        var values = new Dictionary<TKey, TValue>(found.Count);
        foreach (var (key, value) in found)
            values[key] = value is null ? default! : map(value);
        return Task.FromResult<IReadOnlyDictionary<TKey, TValue>>(values);
    }

    private void Dispatch(Entry trigger, CancellationToken cancellationToken)
    {
        List<Entry> batch;
        lock (_gate)
        {
            if (trigger.Dispatched)
                return;
            batch = _queue;
            _queue = [];
            foreach (var entry in batch)
                entry.Dispatched = true;
            BatchCount++;
        }
        _ = RunBatchAsync(batch, cancellationToken);
    }

    private async Task RunBatchAsync(List<Entry> batch, CancellationToken cancellationToken)
    {
        try
        {
            var keys = batch.ConvertAll(e => e.Key);
            var found = await TryGetManyAsync(keys, cancellationToken).ConfigureAwait(false);
            var misses = new List<Entry>(batch.Count);
            foreach (var entry in batch)
            {
                if (found.TryGetValue(entry.Key, out var value))
                    entry.Completion.TrySetResult(value);
                else
                    misses.Add(entry);
            }

            if (misses.Count == 0)
                return;
            var options = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(misses, options, async (entry, ct) =>
            {
                try
                {
                    entry.Completion.TrySetResult(await FetchAsync(entry.Key, ct).ConfigureAwait(false));
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    entry.Completion.TrySetCanceled(ct);
                }
                catch (Exception ex)
                {
                    // One key's failure is that key's alone; the rest of the batch goes on.
                    entry.Completion.TrySetException(ex);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var entry in batch)
                entry.Completion.TrySetCanceled(cancellationToken);
        }
        catch (Exception ex)
        {
            // A failure of the batch as a whole reaches every key still waiting in it.
            foreach (var entry in batch)
                entry.Completion.TrySetException(ex);
        }
    }

    private sealed class Entry(BatchLoader<TKey, TValue> owner, TKey key) : IDataLoaderResult<TValue>
    {
        public TKey Key { get; } = key;
        public bool Dispatched { get; set; }
        public TaskCompletionSource<TValue> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TValue> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (!Completion.Task.IsCompleted)
                owner.Dispatch(this, cancellationToken);
            return cancellationToken.CanBeCanceled ? Completion.Task.WaitAsync(cancellationToken) : Completion.Task;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class ManyResult(Entry[] entries) : IDataLoaderResult<IReadOnlyList<TValue>>
    {
        public async Task<IReadOnlyList<TValue>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = new TValue[entries.Length];
            for (var i = 0; i < entries.Length; i++)
                values[i] = await entries[i].GetResultAsync(cancellationToken).ConfigureAwait(false);
            return values;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
