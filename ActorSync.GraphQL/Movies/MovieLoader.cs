using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.DataLoading;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Movies;

/// <summary>Loads movies with their credits, batched per execution level and read through the entity cache; null for an unknown id.</summary>
public sealed class MovieLoader(TmdbCache tmdb, IOptions<DataLoaderOptions> options)
    : BatchLoader<int, MovieDetails?>(options.Value.MaxConcurrency)
{
    /// <summary>One round of cache look-ups for the whole batch; only the misses are fetched.</summary>
    protected override async Task<IReadOnlyDictionary<int, MovieDetails?>> TryGetManyAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        var cached = await tmdb.TryGetMoviesAsync(keys, cancellationToken).ConfigureAwait(false);
        return cached.ToDictionary(e => e.Key, e => e.Value is null ? null : new MovieDetails(e.Value));
    }

    protected override async Task<MovieDetails?> FetchAsync(int key, CancellationToken cancellationToken) =>
        await tmdb.GetMovieAsync(key, cancellationToken).ConfigureAwait(false) is { } movie ? new MovieDetails(movie) : null;
}
