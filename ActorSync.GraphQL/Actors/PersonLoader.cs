using ActorSync.GraphQL.DataLoading;
using ActorSync.Tmdb;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Actors;

/// <summary>Loads people with their movie credits, batched per execution level; null for an unknown id.</summary>
public sealed class PersonLoader(ITmdbClient tmdb, IOptions<DataLoaderOptions> options)
    : BatchLoader<int, ActorDetails?>(options.Value.MaxConcurrency)
{
    protected override async Task<ActorDetails?> FetchAsync(int key, CancellationToken cancellationToken) =>
        await tmdb.GetPersonAsync(key, cancellationToken).ConfigureAwait(false) is { } person ? new ActorDetails(person) : null;
}
