using System.Security.Cryptography;
using System.Text;
using ActorSync.GraphQL.Kernel;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using GraphQLParser.Visitors;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;

namespace ActorSync.GraphQL.Caching;

/// <summary>
/// The operation result cache (what HotChocolate.Caching gives its users): field hints combine into an
/// operation max-age, and identical operations (normalized document + operation name + variables) are
/// answered from the cache (memory and Redis) until that max-age ends.
/// </summary>
public sealed class ResultCache(IFusionCache cache, IOptions<CacheOptions> options)
{
    private const string Version = "v1";
    private readonly CacheOptions _options = options.Value;

    public bool Enabled => _options.ResultCache;

    /// <summary>
    /// Seconds an answer to this operation stays fresh: the shortest hint among its selected fields; 0 (never
    /// cache) for anything but a query, for introspection, and when no field reads TMDB.
    /// </summary>
    public int MaxAge(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        if (operation.Operation != OperationType.Query)
            return 0;
        schema.Initialize(); // field types are resolved on initialization, which the first execution may not have done yet
        var fragments = FragmentTable.Of(document);
        var walk = new Walk(schema, fragments, Ttl);
        walk.Visit(operation.SelectionSet, schema.Query, new HashSet<string>());
        if (walk.Introspection || walk.Shortest is null)
            return 0;
        return (int)Math.Max(0, Ttl(walk.Shortest.Value).TotalSeconds);
    }

    public TimeSpan Ttl(CacheKind kind) => CacheHints.MaxAge(kind, _options);

    /// <summary>A key for the operation: the printed (normalized) document, the operation name and the variables.</summary>
    public static string Key(GraphQLDocument document, string? operationName, string variablesJson) =>
        Key(NormalizedHash(document), operationName, variablesJson);

    /// <summary>The same key from the document's <see cref="NormalizedHash"/>, which callers compute once per document.</summary>
    public static string Key(string normalizedHash, string? operationName, string variablesJson) =>
        $"{Version}:result:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{normalizedHash}\n{operationName}\n{variablesJson}")))}";

    /// <summary>Hash of the document printed without comments or spacing differences.</summary>
    public static string NormalizedHash(GraphQLDocument document)
    {
        using var writer = new StringWriter();
        new SDLPrinter(new SDLPrinterOptions { PrintComments = false }).PrintAsync(document, writer).AsTask().GetAwaiter().GetResult();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(writer.ToString())));
    }

    public ValueTask<CachedResult?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        // A hit in memory is answered without an await (most hits); otherwise Redis is asked.
        if (cache.TryGet<CachedResult>(key, MemoryOnly) is { HasValue: true } hit)
            return ValueTask.FromResult<CachedResult?>(hit.Value);
        return FromRedisAsync(key, cancellationToken);
    }

    private async ValueTask<CachedResult?> FromRedisAsync(string key, CancellationToken cancellationToken)
    {
        var entry = await cache.TryGetAsync<CachedResult>(key, token: cancellationToken).ConfigureAwait(false);
        return entry.HasValue ? entry.Value : null;
    }

    private FusionCacheEntryOptions MemoryOnly => _memoryOnly ??= cache.DefaultEntryOptions.Duplicate().SetSkipDistributedCache(true, true);

    private FusionCacheEntryOptions? _memoryOnly;

    public Task StoreAsync(string key, byte[] body, int maxAge, CancellationToken cancellationToken) =>
        cache.SetAsync(
            key,
            new CachedResult(body, DateTimeOffset.UtcNow, maxAge),
            // A stale answer is never served from here: the entity cache already has its own fail-safe.
            new FusionCacheEntryOptions(TimeSpan.FromSeconds(maxAge)) { IsFailSafeEnabled = false, Size = 1 + body.Length / 1024 },
            token: cancellationToken).AsTask();

    private sealed class Walk(ISchema schema, Dictionary<string, GraphQLFragmentDefinition> fragments, Func<CacheKind, TimeSpan> ttl)
    {
        public CacheKind? Shortest { get; private set; }
        public bool Introspection { get; private set; }

        public void Visit(GraphQLSelectionSet? selections, IGraphType? parent, HashSet<string> seenFragments)
        {
            if (selections is null || parent is not IComplexGraphType complex)
                return;
            foreach (var selection in selections.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        var name = field.Name.StringValue;
                        if (name is "__schema" or "__type")
                        {
                            Introspection = true;
                            continue;
                        }
                        var definition = complex.GetField(name);
                        if (definition is null)
                            continue;
                        if (CacheHints.KindOf(definition) is { } kind && (Shortest is null || ttl(kind) < ttl(Shortest.Value)))
                            Shortest = kind;
                        Visit(field.SelectionSet, definition.ResolvedType?.GetNamedType(), seenFragments);
                        break;
                    case GraphQLInlineFragment inline:
                        Visit(inline.SelectionSet, TypeOrParent(inline.TypeCondition, parent), seenFragments);
                        break;
                    case GraphQLFragmentSpread spread when seenFragments.Add(spread.FragmentName.Name.StringValue)
                        && fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                        Visit(fragment.SelectionSet, TypeOrParent(fragment.TypeCondition, parent), seenFragments);
                        break;
                }
            }
        }

        private IGraphType? TypeOrParent(GraphQLTypeCondition? condition, IGraphType parent) =>
            condition is null ? parent : schema.AllTypes[condition.Type.Name.StringValue] ?? parent;
    }
}

/// <summary>A cached response body, with when it was made and how long it stays fresh.</summary>
public sealed record CachedResult(byte[] Body, DateTimeOffset CreatedAt, int MaxAge)
{
    public int RemainingSeconds(DateTimeOffset now) => Math.Max(0, MaxAge - (int)(now - CreatedAt).TotalSeconds);
}
