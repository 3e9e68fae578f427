using ActorSync.GraphQL.Observability;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Models;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;

namespace ActorSync.GraphQL.Caching;

/// <summary>
/// TMDB through the entity cache: memory (L1) and, with <c>REDIS_URL</c>, Redis (L2). Caches TMDB's DTOs, never
/// GraphQL responses; a failure is never cached (only a 404, briefly); concurrent requests for one cold
/// resource share one call; while TMDB fails, an expired entry is served (fail-safe).
/// Every look-up is counted once, as a hit or a miss (a miss is a call to the source), in the app's metrics and in the
/// request's figures; both are optional, so the cache also works where they are not registered.
/// </summary>
public sealed class TmdbCache(
    IServiceProvider services,
    IFusionCache cache,
    IOptions<CacheOptions> options,
    IOptions<TmdbOptions> tmdb,
    ActorSyncMetrics? metrics = null,
    RequestFigures? figures = null) : ITmdbClient
{
    /// <summary>The key under which the uncached source (live or offline) is registered.</summary>
    public const string SourceKey = "tmdb-source";

    /// <summary>Bumped when the cached DTO shapes change, so old entries are not misread.</summary>
    private const string Version = "v1";

    private readonly CacheOptions _options = options.Value;
    private readonly bool _offline = tmdb.Value.EffectiveMode == TmdbMode.Offline;
    private ITmdbClient? _source;

    /// <summary>
    /// Resolved on the first miss, not with the cache: a warm request never needs it (live, it is a typed HttpClient
    /// made by the client factory).
    /// </summary>
    private ITmdbClient Source => _source ??= services.GetRequiredKeyedService<ITmdbClient>(SourceKey);

    public static string PersonKey(int id) => $"{Version}:person:{id}";
    public static string MovieKey(int id) => $"{Version}:movie:{id}";
    public static string SearchKey(string kind, string query, int page) =>
        $"{Version}:search:{kind}:{page}:{query.Trim().ToLowerInvariant()}";

    public Task<TmdbPerson?> GetPersonAsync(int personId, CancellationToken cancellationToken = default) =>
        GetOrFetchAsync(PersonKey(personId), _options.PersonTtl, "person", "person",
            async ct => WithoutCrew(await Source.GetPersonAsync(personId, ct).ConfigureAwait(false)), cancellationToken);

    public Task<TmdbMovie?> GetMovieAsync(int movieId, CancellationToken cancellationToken = default) =>
        GetOrFetchAsync(MovieKey(movieId), _options.MovieTtl, "movie", "movie",
            async ct => _offline ? OwnInstance(await Source.GetMovieAsync(movieId, ct).ConfigureAwait(false)) : WithoutCrew(await Source.GetMovieAsync(movieId, ct).ConfigureAwait(false)),
            cancellationToken);

    // TMDB sends the crew with every list of credits (a movie's crew is often longer than its cast), and no field of the
    // schema reads it: the cache does not keep it, in memory or in Redis (the offline snapshot has none).
    private static TmdbPerson? WithoutCrew(TmdbPerson? person) =>
        person?.MovieCredits is { Crew.Count: > 0 } credits ? person with { MovieCredits = credits with { Crew = [] } } : person;

    private static TmdbMovie? WithoutCrew(TmdbMovie? movie) =>
        movie?.Credits is { Crew.Count: > 0 } credits ? movie with { Credits = credits with { Crew = [] } } : movie;

    // The details derived from a movie (MovieDetails.Of) live as long as its instance. An offline movie is the
    // snapshot's, which lives for good: cached as it is, the details of every movie ever asked for would stay on top of
    // the budget. A shallow copy (its strings and lists stay the snapshot's) lets them go with the entry.
    private static TmdbMovie? OwnInstance(TmdbMovie? movie) => movie is null ? null : movie with { };

    public async Task<TmdbSearchPage<TmdbPersonSearchResult>> SearchPeopleAsync(string query, int page, CancellationToken cancellationToken = default) =>
        (await GetOrFetchAsync(SearchKey("person", query, page), _options.SearchTtl, "search", "search/person",
            async ct => (TmdbSearchPage<TmdbPersonSearchResult>?)await Source.SearchPeopleAsync(query, page, ct), cancellationToken))!;

    public async Task<TmdbSearchPage<TmdbMovieSearchResult>> SearchMoviesAsync(string query, int page, CancellationToken cancellationToken = default) =>
        (await GetOrFetchAsync(SearchKey("movie", query, page), _options.SearchTtl, "search", "search/movie",
            async ct => (TmdbSearchPage<TmdbMovieSearchResult>?)await Source.SearchMoviesAsync(query, page, ct), cancellationToken))!;

    /// <summary>Never cached: health uses it to see whether TMDB answers now.</summary>
    public async Task<TmdbConfiguration> GetConfigurationAsync(CancellationToken cancellationToken = default) =>
        (await CallSourceAsync("configuration", async ct => (TmdbConfiguration?)await Source.GetConfigurationAsync(ct).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false))!;

    // The offline snapshot is already in memory: copying it into Redis would only fill Redis. (The memory level
    // still holds it, bounded, so offline and live behave alike above this class.)
    private FusionCacheEntryOptions EntryOptions(TimeSpan ttl) =>
        _offline ? cache.DefaultEntryOptions.Duplicate(ttl).SetSkipDistributedCache(true, true) : cache.DefaultEntryOptions.Duplicate(ttl);

    /// <summary>
    /// What the memory level holds for a batch of people, without waiting: ids absent from the result are read
    /// through <see cref="GetPersonAsync"/> (which looks in Redis, then TMDB), so Redis is read once per miss.
    /// </summary>
    public IReadOnlyDictionary<int, TmdbPerson?> TryGetPeopleInMemory(IReadOnlyList<int> ids) =>
        TryGetManyInMemory<TmdbPerson>(ids, PersonKey, "person");

    /// <summary>What the memory level holds for a batch of movies; see <see cref="TryGetPeopleInMemory"/>.</summary>
    public IReadOnlyDictionary<int, TmdbMovie?> TryGetMoviesInMemory(IReadOnlyList<int> ids) =>
        TryGetManyInMemory<TmdbMovie>(ids, MovieKey, "movie");

    private FusionCacheEntryOptions MemoryOnly => _memoryOnly ??= cache.DefaultEntryOptions.Duplicate().SetSkipDistributedCache(true, true);

    private FusionCacheEntryOptions? _memoryOnly;

    private Dictionary<int, T?> TryGetManyInMemory<T>(IReadOnlyList<int> ids, Func<int, string> key, string kind)
        where T : class
    {
        var found = new Dictionary<int, T?>(ids.Count);
        foreach (var id in ids)
        {
            // Only hits count here: an id not found is read next, and that look-up counts as the hit or miss.
            if (cache.TryGet<T?>(key(id), MemoryOnly) is { HasValue: true } entry)
            {
                found[id] = entry.Value;
                Hit(kind);
            }
        }
        return found;
    }

    private async Task<T?> GetOrFetchAsync<T>(
        string key, TimeSpan ttl, string kind, string endpoint, Func<CancellationToken, Task<T?>> fetch, CancellationToken cancellationToken)
        where T : class
    {
        // The factory runs only when the cache has nothing usable; a concurrent request's call is shared and so is a hit.
        var fetched = false;
        try
        {
            var found = await cache.GetOrSetAsync<T?>(
                key,
                async (context, ct) =>
                {
                    fetched = true;
                    var value = await CallSourceAsync(endpoint, fetch, ct).ConfigureAwait(false);
                    if (value is null)
                        context.Options.Duration = _options.NotFoundTtl;
                    // The memory level's budget counts what the entry holds, not a flat size (see EntrySize).
                    context.Options.Size = EntrySize.KiB(value);
                    return value;
                },
                options: EntryOptions(ttl),
                token: cancellationToken).ConfigureAwait(false);
            if (!fetched)
                Hit(kind);
            return found;
        }
        finally
        {
            if (fetched)
                Miss(kind);
        }
    }

    private async Task<T?> CallSourceAsync<T>(string endpoint, Func<CancellationToken, Task<T?>> fetch, CancellationToken cancellationToken)
        where T : class
    {
        figures?.TmdbCalled();
        try
        {
            var value = await fetch(cancellationToken).ConfigureAwait(false);
            metrics?.TmdbCall(endpoint, value is null ? "not_found" : "ok");
            return value;
        }
        catch (Exception ex)
        {
            figures?.TmdbFailed();
            metrics?.TmdbCall(endpoint, ex switch
            {
                TmdbUnavailableException => "unavailable",
                OperationCanceledException => "canceled",
                _ => "error",
            });
            throw;
        }
    }

    private void Hit(string kind)
    {
        figures?.CacheHit();
        metrics?.CacheHit(kind);
    }

    private void Miss(string kind)
    {
        figures?.CacheMiss();
        metrics?.CacheMiss(kind);
    }
}
