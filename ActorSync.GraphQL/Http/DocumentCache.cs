using System.Collections.Concurrent;
using ActorSync.GraphQL.Execution;
using ActorSync.GraphQL.Security;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace ActorSync.GraphQL.Http;

/// <summary>
/// Parsed documents by query text, bounded (least recently used go first). A document that has passed
/// validation once is marked so: later requests re-run only the rules that depend on variables (the cost
/// analysis), not the whole validation, and an operation run again with the same variables skips that analysis too
/// (its cost is remembered), and its operations are compiled per set of variables for the direct path (<see cref="DirectExecutor"/>).
/// </summary>
public sealed class DocumentCache : IDisposable
{
    private readonly MemoryCache _cache;
    private long _hits;
    private long _misses;

    public DocumentCache(int capacity = 1000) =>
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = capacity, CompactionPercentage = 0.25 });

    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);
    public double HitRatio => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);

    private long _directAnswers;
    private long _directFallbacks;

    /// <summary>Requests the direct path answered from a compiled operation.</summary>
    public long DirectAnswers => Interlocked.Read(ref _directAnswers);

    /// <summary>Requests with a compiled operation that the direct path left to GraphQL.NET (a value not at hand, an error).</summary>
    public long DirectFallbacks => Interlocked.Read(ref _directFallbacks);

    public void CountDirect(bool answered) => Interlocked.Increment(ref answered ? ref _directAnswers : ref _directFallbacks);

    public Entry? TryGet(string query)
    {
        if (_cache.TryGetValue(query, out Entry? entry))
        {
            Interlocked.Increment(ref _hits);
            return entry;
        }
        Interlocked.Increment(ref _misses);
        return null;
    }

    public Entry Add(string query, GraphQLDocument document)
    {
        var entry = new Entry(document);
        _cache.Set(query, entry, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return entry;
    }

    public void Dispose() => _cache.Dispose();

    public sealed class Entry(GraphQLDocument document)
    {
        public GraphQLDocument Document { get; } = document;

        /// <summary>Set once the document passed the full validation (volatile: read by other requests' threads).</summary>
        public bool Validated
        {
            get => Volatile.Read(ref _validated);
            set => Volatile.Write(ref _validated, value);
        }

        private bool _validated;

        /// <summary>Per document, computed once: the normalized text's hash (for result-cache keys) and each operation's max-age.</summary>
        public string? NormalizedHash { get; set; }

        public ConcurrentDictionary<string, int> MaxAges { get; } = new();

        /// <summary>How many costs, result keys or picked operations one document remembers: a bound, not a cache policy.</summary>
        public const int MaxRemembered = 64;

        private readonly ConcurrentDictionary<string, QueryCost> _costs = new(StringComparer.Ordinal);

        /// <summary>The result-cache key of each operation and variables seen (hashing it is most of a cache hit's own work).</summary>
        public ConcurrentDictionary<string, string> ResultKeys { get; } = new(StringComparer.Ordinal);

        /// <summary>The operation each operation name picks ("\0" for no name), once it has picked one.</summary>
        public ConcurrentDictionary<string, GraphQLOperationDefinition> PickedOperations { get; } = new(StringComparer.Ordinal);

        private readonly ConcurrentDictionary<string, CompiledOperation> _plans = new(StringComparer.Ordinal);

        /// <summary>The operation compiled for these variables (<see cref="DirectExecutor"/>), if it was compiled before.</summary>
        public CompiledOperation? Plan(string key) => _plans.TryGetValue(key, out var plan) ? plan : null;

        public void RememberPlan(string key, CompiledOperation plan)
        {
            if (_plans.Count < MaxRemembered)
                _plans.TryAdd(key, plan);
        }

        private int _newTried;
        private int _newAnswered;
        private int _newFellBack;

        /// <summary>
        /// Whether to validate and compile variables not seen before for the direct path: yes while most such attempts
        /// of this document answer; after mostly fall-backs (a mix of data the cache does not hold, where the attempt is
        /// wasted work) only one request in <see cref="ProbeEvery"/> tries, so a cache that warms up is noticed.
        /// </summary>
        public bool ShouldTryNewVariables() =>
            Volatile.Read(ref _newFellBack) <= 2 * Volatile.Read(ref _newAnswered) + 8
            || Interlocked.Increment(ref _newTried) % ProbeEvery == 0;

        public const int ProbeEvery = 32;

        /// <summary>Counts how an attempt with new variables ended; the counts halve past 256, so recent attempts weigh most.</summary>
        public void CountNewVariables(bool answered)
        {
            Interlocked.Increment(ref answered ? ref _newAnswered : ref _newFellBack);
            if (Volatile.Read(ref _newAnswered) + Volatile.Read(ref _newFellBack) > 256)
            {
                // Not atomic together: an attempt counted meanwhile may be halved too, which does not matter to a ratio.
                Volatile.Write(ref _newAnswered, Volatile.Read(ref _newAnswered) / 2);
                Volatile.Write(ref _newFellBack, Volatile.Read(ref _newFellBack) / 2);
            }
        }

        /// <summary>The cost measured before for this operation and variables, if any.</summary>
        public QueryCost? KnownCost(string key) => _costs.TryGetValue(key, out var cost) ? cost : null;

        public void RememberCost(string key, QueryCost cost)
        {
            if (_costs.Count < MaxRemembered)
                _costs.TryAdd(key, cost);
        }

        /// <summary>The value remembered under <paramref name="key"/>, or a new one (remembered while there is room).</summary>
        public string Remember(ConcurrentDictionary<string, string> memory, string key, Func<string> create)
        {
            if (memory.TryGetValue(key, out var known))
                return known;
            var value = create();
            if (memory.Count < MaxRemembered)
                memory.TryAdd(key, value);
            return value;
        }
    }
}
