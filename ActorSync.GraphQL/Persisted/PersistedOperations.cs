using System.Security.Cryptography;
using System.Text;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Pipeline;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;

namespace ActorSync.GraphQL.Persisted;

/// <summary>
/// Trusted documents: registered from a folder at start-up, and (optionally) Apollo's Automatic Persisted
/// Queries: held in memory against the <see cref="RequestCacheBudget"/> (least recently used go first; a client whose
/// hash was forgotten sends its query again, as the protocol has it) and, with Redis, stored there too for every
/// instance. Turns a request that names a document by hash into one that carries it.
/// </summary>
public sealed class PersistedOperations
{
    public const string NotFound = "PERSISTED_QUERY_NOT_FOUND";
    public const string HashMismatch = "PERSISTED_QUERY_HASH_MISMATCH";
    public const string Required = "PERSISTED_QUERY_REQUIRED";
    public const string NotSupported = "PERSISTED_QUERY_NOT_SUPPORTED";

    private readonly Dictionary<string, string> _registered;
    private readonly PersistedOperationsOptions _options;
    private readonly IFusionCache _cache;
    private readonly RequestCacheBudget _budget;

    public PersistedOperations(IOptions<PersistedOperationsOptions> options, IHostEnvironment environment, IFusionCache cache, RequestCacheBudget budget,
        ILogger<PersistedOperations> logger, IEnumerable<ITrustedDocumentSource>? sources = null)
    {
        _options = options.Value;
        _cache = cache;
        _budget = budget;
        var folder = Path.IsPathRooted(_options.Folder) ? _options.Folder : Path.Combine(environment.ContentRootPath, _options.Folder);
        _registered = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.graphql", SearchOption.AllDirectories).Select(File.ReadAllText).ToDictionary(Id, text => text)
            : [];
        logger.LogInformation("{Count} persisted operations registered from {Folder}{AllowList}", _registered.Count, folder,
            _options.OnlyPersisted ? " (only persisted operations are allowed)" : "");
        foreach (var source in sources ?? [])
        {
            foreach (var document in source.Documents)
                _registered[Id(document)] = document;
            logger.LogInformation("{Count} persisted operations registered from the {Source}", source.Documents.Count, source.Name);
        }
    }

    public IReadOnlyDictionary<string, string> Registered => _registered;

    /// <summary>The id of a document: <c>sha256:</c> and the lowercase hex SHA-256 of its UTF-8 text.</summary>
    public static string Id(string document) => "sha256:" + Hash(document);

    private static string Hash(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    /// <summary>The request with its document filled in, or an error the client can act on.</summary>
    public async Task<GraphQLRequestParameters> ResolveAsync(GraphQLRequestParameters request, CancellationToken cancellationToken)
    {
        if (request.DocumentId is { } id)
        {
            var key = id.StartsWith("sha256:", StringComparison.Ordinal) ? id : "sha256:" + id;
            return _registered.TryGetValue(key.ToLowerInvariant(), out var document)
                ? request with { Query = document }
                : throw Refuse(NotFound, $"No persisted operation has id \"{Truncate(id)}\".");
        }

        if (request.PersistedQueryHash is { } hash)
        {
            hash = hash.ToLowerInvariant();
            if (_registered.TryGetValue("sha256:" + hash, out var registered))
                return request with { Query = registered };
            if (!_options.AutomaticPersistedQueries || _options.OnlyPersisted)
                throw Refuse(_options.OnlyPersisted ? NotFound : NotSupported, "Automatic persisted queries are not accepted here; use a registered operation id.");
            if (request.Query.Length == 0)
            {
                if (_budget.TryGet(new Automatic(hash), out string? kept) && kept is not null)
                    return request with { Query = kept };
                if (_cache.HasDistributedCache)
                {
                    var stored = await _cache.TryGetAsync<string>(ApqKey(hash), RedisOnly(), cancellationToken).ConfigureAwait(false);
                    if (stored.HasValue)
                    {
                        Keep(hash, stored.Value);
                        return request with { Query = stored.Value };
                    }
                }
                // Apollo clients answer PersistedQueryNotFound by sending the query along with the hash.
                throw Refuse(NotFound, "PersistedQueryNotFound");
            }
            if (Hash(request.Query) != hash)
                throw Refuse(HashMismatch, "The query's SHA-256 does not match extensions.persistedQuery.sha256Hash.");
            Keep(hash, request.Query);
            if (_cache.HasDistributedCache)
                await _cache.SetAsync(ApqKey(hash), request.Query, RedisOnly(), token: cancellationToken).ConfigureAwait(false);
            return request;
        }

        if (_options.OnlyPersisted)
            throw Refuse(Required, "Only persisted operations are accepted here: send {\"id\": \"sha256:…\"} or GET ?id=sha256:….");
        return request;
    }

    private static string ApqKey(string hash) => "v1:apq:" + hash;

    /// <summary>The budget's key of an automatically persisted query held in memory.</summary>
    private sealed record Automatic(string Hash);

    /// <summary>An automatic registration in memory: its text, its hash (twice: the key and the record) and the entries.</summary>
    private void Keep(string hash, string query) =>
        _budget.Keep(new Automatic(hash), query, 256 + RequestCacheBudget.StringBytes(query) + 2 * RequestCacheBudget.StringBytes(hash));

    /// <summary>Redis only: the memory level is the budget's, not the entity cache's (whose budget is for TMDB data).</summary>
    private FusionCacheEntryOptions RedisOnly() => new(_options.AutomaticTtl) { SkipMemoryCacheRead = true, SkipMemoryCacheWrite = true };

    private static string Truncate(string id) => id.Length <= 80 ? id : id[..80] + "…";

    private static RequestRefusedException Refuse(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);
}
