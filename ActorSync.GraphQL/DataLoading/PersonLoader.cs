using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Models;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.DataLoading;

/// <summary>Loads people with their movie credits, batched per execution level and read through the entity cache; null for an unknown id.</summary>
public sealed class PersonLoader(TmdbCache tmdb, IOptions<DataLoaderOptions> options)
    : BatchLoader<int, ActorDetails?>(options.Value.MaxConcurrency)
{
    /// <summary>The memory level answers at once for the whole batch; only the rest is read through (Redis, then TMDB).</summary>
    protected override Task<IReadOnlyDictionary<int, ActorDetails?>> TryGetManyAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        Completed(tmdb.TryGetPeopleInMemory(keys), ActorDetails.Of);

    protected override async Task<ActorDetails?> FetchAsync(int key, CancellationToken cancellationToken) =>
        await tmdb.GetPersonAsync(key, cancellationToken).ConfigureAwait(false) is { } person ? ActorDetails.Of(person) : null;
}
