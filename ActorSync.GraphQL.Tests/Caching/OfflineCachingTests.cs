using System.Reflection;
using System.Text.Json;
using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Offline;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;

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

    [Fact]
    public async Task Redis_circuit_breakers_stay_open_as_long_as_the_setting_says()
    {
        await using var factory = new ApiFactory().With("Caching:RedisCircuitBreakerDuration", "00:00:07");

        // FusionCache keeps its options to itself: read them from the instance the app built.
        var cache = factory.Services.GetRequiredService<IFusionCache>();
        var options = (FusionCacheOptions)cache.GetType().GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Single(f => f.FieldType == typeof(FusionCacheOptions)).GetValue(cache)!;

        Assert.Equal(TimeSpan.FromSeconds(7), options.DistributedCacheCircuitBreakerDuration);
        Assert.Equal(TimeSpan.FromSeconds(7), options.BackplaneCircuitBreakerDuration);
    }
}
