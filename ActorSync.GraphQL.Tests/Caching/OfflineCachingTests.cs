using System.Text.Json;
using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Offline;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Caching;

public sealed class OfflineCachingTests
{
    [Fact]
    public async Task An_offline_movie_is_cached_as_a_shallow_copy_so_its_derived_details_go_with_the_entry()
    {
        await using var factory = new ApiFactory();
        var snapshotMovie = (await factory.Services.GetRequiredService<OfflineTmdbClient>().GetMovieAsync(550))!;
        using var scope = factory.Services.CreateScope();
        var cache = scope.ServiceProvider.GetRequiredService<TmdbCache>();

        var cached = (await cache.GetMovieAsync(550))!;
        var again = (await cache.GetMovieAsync(550))!;

        Assert.NotSame(snapshotMovie, cached);
        Assert.Same(cached, again);
        Assert.Same(snapshotMovie.Credits, cached.Credits);
        Assert.Equal(
            JsonSerializer.Serialize(snapshotMovie, TmdbJsonContext.Default.TmdbMovie),
            JsonSerializer.Serialize(cached, TmdbJsonContext.Default.TmdbMovie));
    }
}
