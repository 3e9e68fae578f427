using System.Collections.Concurrent;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Security;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Execution;

/// <summary>
/// What the service remembers about the operations clients send, all of it in the one byte budget
/// (<see cref="RequestCacheBudget"/>, least recently used first out): per query text, the parsed document
/// (<see cref="CachedDocument"/>); per operation of it, one record (<see cref="CachedOperation"/>: the operation a name
/// picks, its result-cache max-age, its plan for the direct path); per operation and small set of variables, one
/// record (<see cref="VariablesRecord"/>: the measured cost, the result-cache key, the plan's bindings). Variables
/// longer than <see cref="MaxRememberedVariablesChars"/> get no record: they are handled anew every time.
/// </summary>
public sealed class OperationCache : IDisposable
{
    /// <summary>
    /// What a parsed document is counted per character of its text: the text itself (2) and its syntax tree, measured at
    /// about 20 bytes per character for dense documents (fields, arguments, selections); comments and long names are
    /// counted as dense too, which errs on the side of keeping fewer.
    /// </summary>
    public const int BytesPerCharacter = 22;

    /// <summary>A document's own objects: the record, its operation records and the budget's entry.</summary>
    private const int PerDocument = 1024;

    /// <summary>A planned field: its name, resolver, arguments and shape.</summary>
    private const int PerPlanField = 400;

    /// <summary>Operations remembered per document, and variable sets per operation: bounds, not cache policies.</summary>
    public const int MaxRemembered = 64;

    private readonly bool _ownsBudget;
    private long _hits;
    private long _misses;

    public OperationCache(RequestCacheBudget budget, int maxRememberedVariablesChars = 2048)
    {
        Budget = budget;
        MaxRememberedVariablesChars = maxRememberedVariablesChars;
    }

    /// <summary>A cache with a budget of its own (tests).</summary>
    public OperationCache(long budgetBytes = 16L << 20) : this(new RequestCacheBudget(budgetBytes)) => _ownsBudget = true;

    public RequestCacheBudget Budget { get; }

    /// <summary>Variables whose JSON is longer than this get no record.</summary>
    public int MaxRememberedVariablesChars { get; }

    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);
    public double HitRatio => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);

    /// <summary>The estimated bytes a parsed document of <paramref name="query"/> holds.</summary>
    public static long DocumentBytes(string query) => PerDocument + (long)BytesPerCharacter * query.Length;

    public CachedDocument? TryGet(string query)
    {
        if (Budget.TryGet(query, out CachedDocument? entry))
        {
            Interlocked.Increment(ref _hits);
            return entry;
        }
        Interlocked.Increment(ref _misses);
        return null;
    }

    /// <summary>A new record for the document, kept while the budget allows (one larger than the whole budget is used once).</summary>
    public CachedDocument Add(string query, GraphQLDocument document)
    {
        var entry = new CachedDocument(this, document);
        if (!Budget.Keep(query, entry, DocumentBytes(query), entry.Forget))
            entry.Forget();
        return entry;
    }

    public void Dispose()
    {
        if (_ownsBudget)
            Budget.Dispose();
    }

    /// <summary>Keeps (or keeps again, at its new size) a record in the budget; forgets it when the budget does not keep it.</summary>
    internal bool Charge(object record, long bytes, Action forget)
    {
        if (Budget.Keep(record, record, bytes, forget))
            return true;
        forget();
        return false;
    }

    internal static long PlanBytes(OperationPlan plan) => 1024 + (long)PerPlanField * plan.FieldCount + 128L * plan.BoundFieldCount;
}

/// <summary>A parsed document and the records of its operations.</summary>
public sealed class CachedDocument
{
    private readonly ConcurrentDictionary<string, CachedOperation> _operations = new(StringComparer.Ordinal);
    private volatile bool _forgotten;
    private bool _validated;

    internal CachedDocument(OperationCache owner, GraphQLDocument document)
    {
        Owner = owner;
        Document = document;
    }

    internal OperationCache Owner { get; }

    public GraphQLDocument Document { get; }

    internal bool Forgotten => _forgotten;

    /// <summary>Set once the document passed the full validation: later requests run only the rules that depend on variables.</summary>
    public bool Validated
    {
        get => Volatile.Read(ref _validated);
        set => Volatile.Write(ref _validated, value);
    }

    /// <summary>The normalized text's hash (for result-cache keys), computed once.</summary>
    public string? NormalizedHash { get; set; }

    /// <summary>How many variable sets its operations remember now.</summary>
    public int RememberedVariables => _operations.Values.Distinct().Sum(operation => operation.RememberedVariables);

    /// <summary>The record of the operation an operation name picked before ("\0" for no name).</summary>
    public CachedOperation? Operation(string pickedBy) => _operations.GetValueOrDefault(pickedBy);

    /// <summary>Remembers the operation a name picks (while there is room) and returns its record.</summary>
    public CachedOperation Remember(string pickedBy, GraphQLOperationDefinition operation)
    {
        // Two names may pick the same operation (none and its own name): they share the record.
        foreach (var known in _operations.Values)
        {
            if (known.Definition == operation)
                return _forgotten || _operations.Count >= OperationCache.MaxRemembered ? known : _operations.GetOrAdd(pickedBy, known);
        }
        var created = new CachedOperation(this, operation);
        return _forgotten || _operations.Count >= OperationCache.MaxRemembered ? created : _operations.GetOrAdd(pickedBy, created);
    }

    /// <summary>The document left the budget: so do its records, and it remembers no more.</summary>
    internal void Forget()
    {
        _forgotten = true;
        foreach (var operation in _operations.Values.Distinct())
            operation.Forget();
    }
}

/// <summary>One operation of a cached document: everything remembered about it, in one place.</summary>
public sealed class CachedOperation
{
    private readonly CachedDocument _document;
    private readonly ConcurrentDictionary<string, VariablesRecord> _variables = new(StringComparer.Ordinal);
    private OperationPlan? _plan;

    internal CachedOperation(CachedDocument document, GraphQLOperationDefinition definition)
    {
        _document = document;
        Definition = definition;
    }

    public CachedDocument Document => _document;

    public GraphQLOperationDefinition Definition { get; }

    /// <summary>How long its answers may be kept (result cache); -1 until computed.</summary>
    public int MaxAge { get; set; } = -1;

    /// <summary>Set when the operation holds what the direct path does not run: it is not planned again.</summary>
    public bool Unplannable { get; set; }

    /// <summary>Its plan for the direct path, made once (it may leave the budget, and is made again then).</summary>
    public OperationPlan? Plan => Volatile.Read(ref _plan);

    /// <summary>Keeps the plan (the first one made wins) and charges it to the budget.</summary>
    public OperationPlan KeepPlan(OperationPlan plan)
    {
        var kept = Interlocked.CompareExchange(ref _plan, plan, null) ?? plan;
        if (kept == plan && !_document.Forgotten)
            _document.Owner.Charge(plan, OperationCache.PlanBytes(plan), () => Interlocked.CompareExchange(ref _plan, null, plan));
        return kept;
    }

    /// <summary>A plan grew a field tree (a new combination of conditions): charged again at its new size.</summary>
    public void Recharge(OperationPlan plan)
    {
        if (Plan == plan && !_document.Forgotten)
            _document.Owner.Charge(plan, OperationCache.PlanBytes(plan), () => Interlocked.CompareExchange(ref _plan, null, plan));
    }

    /// <summary>How many variable sets the operation remembers now.</summary>
    public int RememberedVariables => _variables.Count;

    /// <summary>The record of these variables (their JSON), made when there is room; null for large variables or a forgotten document.</summary>
    public VariablesRecord? Variables(string? json)
    {
        if (json is null)
            return null;
        if (_variables.TryGetValue(json, out var known))
        {
            known.Touch(_document.Owner.Budget);
            return known;
        }
        if (_document.Forgotten || json.Length > _document.Owner.MaxRememberedVariablesChars || _variables.Count >= OperationCache.MaxRemembered)
            return null;
        var record = new VariablesRecord(this, json);
        if (!_variables.TryAdd(json, record))
            return _variables.GetValueOrDefault(json);
        return _document.Owner.Charge(record, record.Bytes(), () => Forget(record)) ? record : null;
    }

    internal void Recharge(VariablesRecord record) => _document.Owner.Charge(record, record.Bytes(), () => Forget(record));

    private void Forget(VariablesRecord record) => _variables.TryRemove(new KeyValuePair<string, VariablesRecord>(record.Json, record));

    internal void Forget()
    {
        var budget = _document.Owner.Budget;
        foreach (var record in _variables.Values)
            budget.Remove(record);
        _variables.Clear();
        if (Interlocked.Exchange(ref _plan, null) is { } plan)
            budget.Remove(plan);
    }
}

/// <summary>What was measured and bound for one operation with one small set of variables; the budget knows it by reference.</summary>
public sealed class VariablesRecord
{
    /// <summary>The record, its dictionary entry and the budget's entry; a cost; a result-cache key.</summary>
    private const int PerRecord = 512;

    private readonly CachedOperation _operation;
    private PlanBindings? _bindings;
    private long _touched = Environment.TickCount64;

    internal VariablesRecord(CachedOperation operation, string json)
    {
        _operation = operation;
        Json = json;
    }

    /// <summary>The variables' JSON, as the serializer writes it back.</summary>
    public string Json { get; }

    /// <summary>The cost measured for them (only one that let the operation run is remembered).</summary>
    public QueryCost? Cost { get; set; }

    /// <summary>The result-cache key (hashing it is most of a cache hit's own work).</summary>
    public string? ResultKey { get; set; }

    /// <summary>The plan's values for these variables, once a validation of them passed.</summary>
    public PlanBindings? Bindings => Volatile.Read(ref _bindings);

    public void KeepBindings(PlanBindings bindings)
    {
        if (Interlocked.CompareExchange(ref _bindings, bindings, null) is null)
            _operation.Recharge(this);
    }

    /// <summary>Estimated bytes: the record with its key twice (the dictionary's and the result cache's) and its bindings.</summary>
    internal long Bytes() => PerRecord + 2 * RequestCacheBudget.StringBytes(Json) + (Bindings?.Bytes ?? 0);

    /// <summary>Tells the budget it was used, at most once a second (the least-recently-used order needs no finer grain).</summary>
    internal void Touch(RequestCacheBudget budget)
    {
        var now = Environment.TickCount64;
        if (now - Volatile.Read(ref _touched) < 1000)
            return;
        Volatile.Write(ref _touched, now);
        budget.Touch(this);
    }
}
