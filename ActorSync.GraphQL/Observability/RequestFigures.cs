using System.Diagnostics;

namespace ActorSync.GraphQL.Observability;

/// <summary>
/// What one request cost: entity-cache hits and misses, TMDB calls made for it, and the operations it ran. Scoped to
/// the request; the entity cache and the GraphQL endpoint fill it (from parallel resolvers, hence Interlocked), the
/// request log and the <c>figures</c> response extension read it.
/// </summary>
public sealed class RequestFigures
{
    /// <summary>Request header asking for the figures in the response's <c>extensions</c>.</summary>
    public const string HeaderName = "ActorSync-Figures";

    /// <summary>The user-context key under which an execution finds the figures its answer must include.</summary>
    public const string IncludeKey = "actorsync:figures";

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Lock _gate = new();
    private readonly List<string> _operations = [];
    private int _cacheHits;
    private int _cacheMisses;
    private int _tmdbCalls;
    private int _tmdbFailures;

    public int CacheHits => Volatile.Read(ref _cacheHits);
    public int CacheMisses => Volatile.Read(ref _cacheMisses);
    public int TmdbCalls => Volatile.Read(ref _tmdbCalls);
    public int TmdbFailures => Volatile.Read(ref _tmdbFailures);

    /// <summary>Whether the client sent <c>ActorSync-Figures: include</c>.</summary>
    public bool IncludeInResponse { get; set; }

    /// <summary>Milliseconds since the request's figures were first asked for (the start of the request).</summary>
    public double ElapsedMilliseconds => Stopwatch.GetElapsedTime(_started).TotalMilliseconds;

    /// <summary>The names of the operations run so far ("(anonymous)" for unnamed ones), in order.</summary>
    public IReadOnlyList<string> Operations
    {
        get
        {
            lock (_gate)
                return _operations.ToArray();
        }
    }

    public void CacheHit() => Interlocked.Increment(ref _cacheHits);
    public void CacheMiss() => Interlocked.Increment(ref _cacheMisses);
    public void TmdbCalled() => Interlocked.Increment(ref _tmdbCalls);
    public void TmdbFailed() => Interlocked.Increment(ref _tmdbFailures);

    public void AddOperation(string? name)
    {
        lock (_gate)
            _operations.Add(string.IsNullOrEmpty(name) ? "(anonymous)" : name);
    }

    /// <summary>This request's figures, or null outside a request (or when observability is not registered).</summary>
    public static RequestFigures? Of(HttpContext context) => context.Features.Get<RequestFigures>();

    /// <summary>Whether this request asked for its figures in the response (such answers are never cached).</summary>
    public static bool Requested(HttpContext context) =>
        string.Equals(context.Request.Headers[HeaderName], "include", StringComparison.OrdinalIgnoreCase);
}
