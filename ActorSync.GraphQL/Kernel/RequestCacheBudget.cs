using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Memory;

namespace ActorSync.GraphQL.Kernel;

/// <summary>
/// One byte budget (<c>GraphQLHttp:RequestCacheBudgetMb</c>) for everything the API remembers about what clients sent:
/// parsed documents and their per-variables records (the operation cache, <c>Execution/OperationCache.cs</c>), the query texts and variables read
/// from bodies (<see cref="RawJsonTable{T}"/>) and the memory level of automatic persisted queries. Each cache counting
/// apart let a flood of distinct large requests hold gigabytes; against one budget, their sum stays under the limit
/// whatever the traffic, and the least recently used entries of any of them go first. The sizes are estimates of what an
/// entry holds, not measurements; an entry larger than the whole budget is not kept (its request is still answered).
/// </summary>
public sealed class RequestCacheBudget : IDisposable
{
    private readonly MemoryCache _cache;

    public RequestCacheBudget(long limitBytes)
    {
        LimitBytes = limitBytes;
        // Over the limit, MemoryCache refuses the new entry and compacts in the background down to 75 %, the least
        // recently used first.
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = limitBytes, CompactionPercentage = 0.25, TrackStatistics = true });
    }

    public long LimitBytes { get; }

    /// <summary>The estimated bytes the kept entries hold.</summary>
    public long UsedBytes => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    public int Entries => _cache.Count;

    /// <summary>The value kept under <paramref name="key"/>, marking it as used just now.</summary>
    public bool TryGet<T>(object key, [MaybeNullWhen(false)] out T value) => _cache.TryGetValue(key, out value);

    /// <summary>Marks the entry kept under <paramref name="key"/> as used just now, for the least-recently-used order.</summary>
    public void Touch(object key) => _cache.TryGetValue(key, out _);

    /// <summary>
    /// Keeps <paramref name="value"/> under <paramref name="key"/> at an estimated <paramref name="bytes"/>; false when it
    /// was not kept (larger than the budget, or the budget is full until the background compaction has made room).
    /// <paramref name="evicted"/> runs (on another thread) when it goes, but not when the same value is kept again.
    /// </summary>
    public bool Keep(object key, object value, long bytes, Action? evicted = null)
    {
        if (bytes > LimitBytes)
            return false;
        var options = new MemoryCacheEntryOptions { Size = Math.Max(1, bytes) };
        if (evicted is not null)
        {
            options.RegisterPostEvictionCallback((gone, old, reason, _) =>
            {
                // Kept again at a new size is not gone (a record charged again with its plan); replaced by another value is.
                if (reason != EvictionReason.Replaced || !_cache.TryGetValue(gone, out var now) || !ReferenceEquals(now, old))
                    evicted();
            });
        }
        _cache.Set(key, value, options);
        return _cache.TryGetValue(key, out var kept) && ReferenceEquals(kept, value);
    }

    public void Remove(object key) => _cache.Remove(key);

    /// <summary>Evicts that fraction of the entries now, the least recently used first (tests; the budget compacts itself by bytes when full).</summary>
    internal void Compact(double fraction) => _cache.Compact(fraction);

    public void Dispose() => _cache.Dispose();

    /// <summary>A string's object and its UTF-16 characters, roughly.</summary>
    public static long StringBytes(string? text) => text is null ? 0 : 24 + 2L * text.Length;
}
