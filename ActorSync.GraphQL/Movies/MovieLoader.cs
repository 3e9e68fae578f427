using ActorSync.GraphQL.DataLoading;
using ActorSync.Tmdb;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Movies;

/// <summary>Loads movies with their credits, batched per execution level; null for an unknown id.</summary>
public sealed class MovieLoader(ITmdbClient tmdb, IOptions<DataLoaderOptions> options)
    : BatchLoader<int, MovieDetails?>(options.Value.MaxConcurrency)
{
    protected override async Task<MovieDetails?> FetchAsync(int key, CancellationToken cancellationToken) =>
        await tmdb.GetMovieAsync(key, cancellationToken).ConfigureAwait(false) is { } movie ? new MovieDetails(movie) : null;
}
