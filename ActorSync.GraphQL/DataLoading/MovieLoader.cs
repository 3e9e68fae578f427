using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Models;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.DataLoading;

/// <summary>Loads movies with their credits, batched per execution level and read through the entity cache; null for an unknown id.</summary>
public sealed class MovieLoader(TmdbCache tmdb, IOptions<DataLoaderOptions> options)
    : BatchLoader<int, MovieDetails?>(options.Value.MaxConcurrency)
{
    /// <summary>The memory level answers at once for the whole batch; only the rest is read through (Redis, then TMDB).</summary>
    protected override Task<IReadOnlyDictionary<int, MovieDetails?>> TryGetManyAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        Completed(tmdb.TryGetMoviesInMemory(keys), MovieDetails.Of);

    protected override async Task<MovieDetails?> FetchAsync(int key, CancellationToken cancellationToken) =>
        await tmdb.GetMovieAsync(key, cancellationToken).ConfigureAwait(false) is { } movie ? MovieDetails.Of(movie) : null;
}
