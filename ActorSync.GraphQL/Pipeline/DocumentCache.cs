using System.Collections.Concurrent;
using ActorSync.GraphQL.Execution;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Security;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Pipeline;

/// <summary>
/// Parsed documents by query text, kept in the <see cref="RequestCacheBudget"/> (least recently used go first). A
/// document that has passed validation once is marked so: later requests re-run only the rules that depend on variables
/// (the cost analysis), not the whole validation, and an operation run again with the same variables skips that analysis
/// too (its cost is remembered), and its operations are compiled per set of variables for the direct path
/// (<see cref="DirectExecutor"/>). Those per-variables records are budget entries of their own, kept only for small
/// variables (<see cref="GraphQLHttpOptions.MaxRememberedVariablesBytes"/>): larger ones are handled every time.
/// </summary>
public sealed class DocumentCache : IDisposable
{
    /// <summary>
    /// What a parsed document is counted per character of its text: the text itself (2) and its syntax tree, measured at
    /// about 20 bytes per character for dense documents (fields, arguments, selections); comments and long names are
    /// counted as dense too, which errs on the side of keeping fewer.
    /// </summary>
    public const int BytesPerCharacter = 22;

    /// <summary>A document entry's own objects: the entry, its dictionaries and the budget's entry.</summary>
    private const int PerDocument = 1024;

    private readonly RequestCacheBudget _budget;
    private readonly bool _ownsBudget;
    private long _hits;
    private long _misses;

    public DocumentCache(RequestCacheBudget budget, int maxRememberedVariablesChars = 2048)
    {
        _budget = budget;
        MaxRememberedVariablesChars = maxRememberedVariablesChars;
    }

    /// <summary>A cache with a budget of its own (tests).</summary>
    public DocumentCache(long budgetBytes = 16L << 20) : this(new RequestCacheBudget(budgetBytes)) => _ownsBudget = true;

    public RequestCacheBudget Budget => _budget;

    /// <summary>Operation keys (the operation name and the variables' JSON) longer than this get no per-variables record.</summary>
    public int MaxRememberedVariablesChars { get; }

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

    /// <summary>The estimated bytes a parsed document of <paramref name="query"/> holds.</summary>
    public static long DocumentBytes(string query) => PerDocument + (long)BytesPerCharacter * query.Length;

    public Entry? TryGet(string query)
    {
        if (_budget.TryGet(query, out Entry? entry))
        {
            Interlocked.Increment(ref _hits);
            return entry;
        }
        Interlocked.Increment(ref _misses);
        return null;
    }

    /// <summary>A new entry for the document, kept while the budget allows (one larger than the whole budget is used once).</summary>
    public Entry Add(string query, GraphQLDocument document)
    {
        var entry = new Entry(this, document);
        if (!_budget.Keep(query, entry, DocumentBytes(query), entry.Forget))
            entry.Forget();
        return entry;
    }

    public void Dispose()
    {
        if (_ownsBudget)
            _budget.Dispose();
    }

    public sealed class Entry
    {
        private readonly DocumentCache _owner;

        internal Entry(DocumentCache owner, GraphQLDocument document)
        {
            _owner = owner;
            Document = document;
        }

        public GraphQLDocument Document { get; }

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

        /// <summary>How many per-variables records or picked operations one document remembers: a bound, not a cache policy.</summary>
        public const int MaxRemembered = 64;

        /// <summary>The operation each operation name picks ("\0" for no name), once it has picked one.</summary>
        public ConcurrentDictionary<string, GraphQLOperationDefinition> PickedOperations { get; } = new(StringComparer.Ordinal);

        /// <summary>Per operation and small variables: what was measured and built for them, each record a budget entry.</summary>
        private readonly ConcurrentDictionary<string, VariablesRecord> _records = new(StringComparer.Ordinal);

        private volatile bool _forgotten;

        /// <summary>How many per-variables records the document holds now.</summary>
        public int RememberedVariables => _records.Count;

        /// <summary>The operation compiled for these variables (<see cref="DirectExecutor"/>), if it was compiled before.</summary>
        public CompiledOperation? Plan(string key) => Find(key)?.Plan;

        public void RememberPlan(string key, CompiledOperation plan)
        {
            if (Record(key) is not { Plan: null } record)
                return;
            record.Plan = plan;
            // Charged again with the plan: its fields and the coerced variables it holds.
            Charge(record);
        }

        /// <summary>The cost measured before for this operation and variables, if any.</summary>
        public QueryCost? KnownCost(string key) => Find(key)?.Cost;

        public void RememberCost(string key, QueryCost cost)
        {
            if (Record(key) is { } record)
                record.Cost ??= cost;
        }

        /// <summary>The result-cache key of this operation and variables (hashing it is most of a cache hit's own work), remembered while there is room.</summary>
        public string ResultKey(string key, Func<string> create)
        {
            if (Find(key)?.ResultKey is { } known)
                return known;
            var value = create();
            if (Record(key) is { } record)
                record.ResultKey ??= value;
            return value;
        }

        private VariablesRecord? Find(string key)
        {
            if (!_records.TryGetValue(key, out var record))
                return null;
            record.Touch(_owner._budget);
            return record;
        }

        /// <summary>The record of these variables, made when there is room for it; null for large variables or a forgotten document.</summary>
        private VariablesRecord? Record(string key)
        {
            if (_records.TryGetValue(key, out var known))
                return known;
            if (_forgotten || key.Length > _owner.MaxRememberedVariablesChars || _records.Count >= MaxRemembered)
                return null;
            var record = new VariablesRecord(key);
            if (!_records.TryAdd(key, record))
                return _records.GetValueOrDefault(key);
            return Charge(record) ? record : null;
        }

        /// <summary>Keeps (or keeps again, at its new size) the record in the budget; forgets it when the budget does not keep it.</summary>
        private bool Charge(VariablesRecord record)
        {
            if (_owner._budget.Keep(record, record, record.Bytes(), () => Forget(record)))
                return true;
            Forget(record);
            return false;
        }

        private void Forget(VariablesRecord record) => _records.TryRemove(new KeyValuePair<string, VariablesRecord>(record.Key, record));

        /// <summary>The document left the budget: so do its records, and it remembers no more.</summary>
        internal void Forget()
        {
            _forgotten = true;
            foreach (var record in _records.Values)
                _owner._budget.Remove(record);
            _records.Clear();
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
    }

    /// <summary>What was measured and built for one operation and set of small variables; the budget knows it by reference.</summary>
    private sealed class VariablesRecord(string key)
    {
        /// <summary>The record, its dictionary entry and the budget's entry; a cost; a result-cache key.</summary>
        private const int PerRecord = 512;

        /// <summary>A compiled field: its name, resolver, arguments and shape.</summary>
        private const int PerPlanField = 400;

        public string Key { get; } = key;

        public QueryCost? Cost { get; set; }

        public string? ResultKey { get; set; }

        public CompiledOperation? Plan { get; set; }

        private long _touched = Environment.TickCount64;

        /// <summary>The record's estimated bytes: its key and, once compiled, the plan with the variables it coerced (about the key again).</summary>
        public long Bytes() =>
            PerRecord + RequestCacheBudget.StringBytes(Key)
            + (Plan is { } plan ? 512 + (long)PerPlanField * plan.FieldCount + RequestCacheBudget.StringBytes(Key) : 0);

        /// <summary>Tells the budget it was used, at most once a second (the least-recently-used order needs no finer grain).</summary>
        public void Touch(RequestCacheBudget budget)
        {
            var now = Environment.TickCount64;
            if (now - Volatile.Read(ref _touched) < 1000)
                return;
            Volatile.Write(ref _touched, now);
            budget.Touch(this);
        }
    }
}
