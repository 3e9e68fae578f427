using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Schema;
using GraphQL;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Pipeline;

/// <summary>
/// The result-cache stage: an operation whose fields all allow caching is answered from the result cache while an
/// identical request's answer is fresh there (same document, operation and variables), and its answer is stored when it
/// ran without errors. The max-age is the shortest hint of the fields it selects, computed once per cached operation;
/// the key is remembered per set of small variables (hashing it is most of a cache hit's own work).
/// </summary>
public sealed class ResultCacheStage(ResultCache cache, ActorSyncSchema schema, IGraphQLTextSerializer serializer)
{
    /// <summary>Where an operation's answer is kept and for how long; <see cref="Hit"/> when a fresh answer is there.</summary>
    public readonly record struct Lookup(string? Key, int MaxAge, CachedResult? Hit);

    /// <summary>Looks the operation's answer up; no key when it must not be cached (or the cache is off, or <paramref name="bypass"/>).</summary>
    public async ValueTask<Lookup> LookupAsync(PreparedOperation prepared, bool bypass, CancellationToken cancellationToken)
    {
        if (!cache.Enabled || bypass || prepared.Operation is not { } operation)
            return default;
        var maxAge = MaxAge(prepared, operation);
        if (maxAge <= 0 || Key(prepared) is not { } key)
            return default;
        return new Lookup(key, maxAge, await cache.TryGetAsync(key, cancellationToken));
    }

    /// <summary>Keeps the answer of an operation that ran without errors.</summary>
    public async Task<byte[]> StoreAsync(Lookup lookup, ExecutionResult result, CancellationToken cancellationToken)
    {
        byte[] body;
        if (result is Execution.DirectResult direct)
        {
            body = direct.Body.ToArray();
        }
        else
        {
            using var buffer = new MemoryStream(16 * 1024);
            await serializer.WriteAsync(buffer, result, cancellationToken);
            body = buffer.ToArray();
        }
        await cache.StoreAsync(lookup.Key!, body, lookup.MaxAge, cancellationToken);
        return body;
    }

    /// <summary>Says whether the answer came from the cache and, for GET, how long browsers and CDNs may keep it.</summary>
    public static void SetFreshness(HttpContext context, bool isGet, int seconds, string resultCacheStatus)
    {
        context.Response.Headers["X-Result-Cache"] = resultCacheStatus;
        // Only GET answers can be kept by browsers and CDNs; a POST answer is never reused by HTTP caches.
        if (isGet && seconds > 0)
        {
            context.Response.Headers.CacheControl = $"public, max-age={seconds}";
            context.Response.Headers.Vary = "Accept";
        }
    }

    private int MaxAge(PreparedOperation prepared, GraphQLOperationDefinition operation)
    {
        if (prepared.Record is not { } record)
            return cache.MaxAge(schema, prepared.Document!, operation);
        if (record.MaxAge < 0)
            record.MaxAge = cache.MaxAge(schema, prepared.Document!, operation);
        return record.MaxAge;
    }

    /// <summary>Null when the variables cannot be written back as JSON (1e400 reads as infinity): such a request is not cached.</summary>
    private string? Key(PreparedOperation prepared)
    {
        if (prepared.VariablesJson(serializer) is not { } variables)
            return null;
        if (prepared.Cached is not { } document)
            return ResultCache.Key(ResultCache.NormalizedHash(prepared.Document!), prepared.Request.OperationName, variables);
        var record = prepared.Variables(serializer);
        if (record?.ResultKey is { } known)
            return known;
        var hash = document.NormalizedHash ??= ResultCache.NormalizedHash(prepared.Document!);
        var key = ResultCache.Key(hash, prepared.Request.OperationName, variables);
        if (record is not null)
            record.ResultKey ??= key;
        return key;
    }
}
