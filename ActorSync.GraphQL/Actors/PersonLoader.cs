using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.DataLoading;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Actors;

/// <summary>Loads people with their movie credits, batched per execution level and read through the entity cache; null for an unknown id.</summary>
public sealed class PersonLoader(TmdbCache tmdb, IOptions<DataLoaderOptions> options)
    : BatchLoader<int, ActorDetails?>(options.Value.MaxConcurrency)
{
    /// <summary>One round of cache look-ups for the whole batch; only the misses are fetched.</summary>
    protected override async Task<IReadOnlyDictionary<int, ActorDetails?>> TryGetManyAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        var cached = await tmdb.TryGetPeopleAsync(keys, cancellationToken).ConfigureAwait(false);
        return cached.ToDictionary(e => e.Key, e => e.Value is null ? null : new ActorDetails(e.Value));
    }

    protected override async Task<ActorDetails?> FetchAsync(int key, CancellationToken cancellationToken) =>
        await tmdb.GetPersonAsync(key, cancellationToken).ConfigureAwait(false) is { } person ? new ActorDetails(person) : null;
}
