using System.Diagnostics;
using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Redis;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using ActorSync.Tmdb.Models;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;

namespace ActorSync.GraphQL.Tests.Caching;

/// <summary>The entity cache with a real redis-server and the live client against the TMDB emulator.</summary>
public sealed class RedisCachingTests : IAsyncLifetime
{
    private const string Comparison = "{ compareActors(tmdbIds: [287, 819]) { sharedMovies { movie { title runtime genres } roles { character } } timeline { year entries { movie { title } } } } }";

    private RedisServer _redis = null!;
    private TmdbEmulator _tmdb = null!;
    private readonly List<ApiFactory> _factories = [];

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _tmdb = await TmdbEmulator.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
            await factory.DisposeAsync();
        await _tmdb.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private ApiFactory Instance(params (string Key, string Value)[] settings)
    {
        var factory = new ApiFactory()
            .Live(_tmdb.BaseUrl, _tmdb.ApiKey)
            .With("REDIS_URL", _redis.Url)
            .With("Tmdb:Resilience:RetryBaseDelay", "00:00:00.020");
        foreach (var (key, value) in settings)
            factory.With(key, value);
        _factories.Add(factory);
        return factory;
    }

    private static int DistinctResources(string[] paths) => paths.Distinct().Count();

    [Fact]
    public async Task The_cache_keeps_credits_without_the_crew_no_field_reads_in_memory_and_in_redis()
    {
        Assert.NotEmpty(TmdbCrewOfFightClub());
        var first = Instance();
        Assert.Null((await new GraphQLClient(first.CreateClient()).PostAsync(Comparison)).Errors);
        var memory = first.Services.GetRequiredService<IFusionCache>();
        var movie = memory.TryGet<TmdbMovie>(TmdbCache.MovieKey(550)).GetValueOrDefault(null!);
        var person = memory.TryGet<TmdbPerson>(TmdbCache.PersonKey(287)).GetValueOrDefault(null!);
        Assert.NotEmpty(movie.Credits!.Cast);
        Assert.Empty(movie.Credits.Crew);
        Assert.NotEmpty(person.MovieCredits!.Cast);
        Assert.Empty(person.MovieCredits.Crew);

        // A second instance reads the same entries from Redis alone: no crew there either.
        var second = Instance();
        var fromRedis = await second.Services.GetRequiredService<IFusionCache>().TryGetAsync<TmdbMovie>(TmdbCache.MovieKey(550));
        Assert.True(fromRedis.HasValue);
        Assert.NotEmpty(fromRedis.Value.Credits!.Cast);
        Assert.Empty(fromRedis.Value.Credits.Crew);
    }

    /// <summary>What TMDB (the emulator serves the snapshot) sends for Fight Club has a crew, so the assertions mean something.</summary>
    private static IReadOnlyList<TmdbCrewMember> TmdbCrewOfFightClub() =>
        new ActorSync.Tmdb.Offline.OfflineTmdbClient().GetMovieAsync(550).GetAwaiter().GetResult()!.Credits!.Crew;

    [Theory]
    [InlineData("false")]
    [InlineData("true")]
    public async Task The_redis_level_survives_an_api_restart_so_a_repeated_query_makes_no_tmdb_call(string resultCache)
    {
        var first = Instance(("Caching:ResultCache", resultCache));
        var before = await new GraphQLClient(first.CreateClient()).PostAsync(Comparison);
        Assert.Null(before.Errors);
        Assert.True(_tmdb.TotalCalls > 2);
        await first.DisposeAsync();
        _tmdb.ResetCounts();

        var restarted = Instance(("Caching:ResultCache", resultCache));
        var after = await new GraphQLClient(restarted.CreateClient()).PostAsync(Comparison);

        Assert.Equal(before.Body, after.Body);
        Assert.Equal(0, _tmdb.TotalCalls);
    }

    [Fact]
    public async Task Every_resource_is_fetched_once_and_a_repeat_is_served_from_cache()
    {
        var client = new GraphQLClient(Instance(("Caching:ResultCache", "false")).CreateClient());
        await client.DataAsync(Comparison);
        var paths = _tmdb.Calls.Select(c => c.Path).ToArray();
        Assert.Equal(DistinctResources(paths), paths.Length);

        await client.DataAsync(Comparison);
        await client.DataAsync("{ actor(tmdbId: 287) { name credits { movie { title } } } }");
        Assert.Equal(paths.Length, _tmdb.TotalCalls);
    }

    [Fact]
    public async Task The_backplane_evicts_an_entry_on_every_instance()
    {
        // Entity caching alone: the result cache would answer B's repeat without looking at the entity.
        var a = Instance(("Caching:ResultCache", "false"));
        var b = Instance(("Caching:ResultCache", "false"));
        var clientA = new GraphQLClient(a.CreateClient());
        var clientB = new GraphQLClient(b.CreateClient());

        await clientA.DataAsync("{ actor(tmdbId: 1283) { name } }");
        await clientB.DataAsync("{ actor(tmdbId: 1283) { name } }");
        Assert.Equal(1, _tmdb.CallsTo("/3/person/1283")); // B found it in Redis

        await a.Services.GetRequiredService<IFusionCache>().RemoveAsync(TmdbCache.PersonKey(1283));

        // B's memory copy goes when the backplane message arrives; then B has to ask TMDB again.
        var watch = Stopwatch.StartNew();
        while (_tmdb.CallsTo("/3/person/1283") < 2 && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await clientB.DataAsync("{ actor(tmdbId: 1283) { name } }");
            await Task.Delay(50);
        }
        Assert.Equal(2, _tmdb.CallsTo("/3/person/1283"));
    }

    [Fact]
    public async Task A_stampede_of_100_concurrent_cold_queries_makes_one_tmdb_call_per_resource()
    {
        _tmdb.Latency = TimeSpan.FromMilliseconds(300);
        var client = new GraphQLClient(Instance().CreateClient());

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => client.PostAsync(Comparison)));

        Assert.All(responses, r => Assert.Null(r.Errors));
        Assert.Single(responses.Select(r => r.Body).Distinct());
        var paths = _tmdb.Calls.Select(c => c.Path).ToArray();
        Assert.Equal(DistinctResources(paths), paths.Length);
    }

    [Fact]
    public async Task Two_instances_sharing_redis_make_at_most_one_call_per_resource_each_under_a_stampede()
    {
        _tmdb.Latency = TimeSpan.FromMilliseconds(300);
        var a = new GraphQLClient(Instance().CreateClient());
        var b = new GraphQLClient(Instance().CreateClient());

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => (i % 2 == 0 ? a : b).PostAsync(Comparison)));

        Assert.All(responses, r => Assert.Null(r.Errors));
        foreach (var group in _tmdb.Calls.GroupBy(c => c.Path))
            Assert.True(group.Count() <= 2, $"{group.Key} was fetched {group.Count()} times by two instances");
    }

    [Fact]
    public async Task Killing_redis_mid_run_fails_no_query_and_redis_is_used_again_once_back()
    {
        var factory = Instance();
        var client = new GraphQLClient(factory.CreateClient());
        await client.DataAsync(Comparison);

        var queries = new[]
        {
            Comparison,
            "{ actor(tmdbId: 287) { name } }",
            "{ movie(tmdbId: 550) { title runtime } }",
            "{ searchActors(query: \"brad\") { totalCount } }",
        };
        var failures = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            if (i == 40)
                _redis.Kill();
            // Some queries are cold (new ids), so TMDB and memory have to carry them while Redis is down.
            var query = i % 10 == 9 ? $"{{ movie(tmdbId: {SnapshotOracle.Instance.Movies.Keys.Order().ElementAt(i)}) {{ title }} }}" : queries[i % queries.Length];
            var response = await client.PostAsync(query);
            if (response.Errors is not null || response.Status != 200)
                failures.Add(response.Body);
        }
        Assert.Empty(failures);
        Assert.False(_redis.IsRunning);

        await _redis.RestartAsync();
        var connection = factory.Services.GetRequiredService<RedisConnection>();
        var watch = Stopwatch.StartNew();
        while (!connection.IsConnected && watch.Elapsed < TimeSpan.FromSeconds(15))
            await Task.Delay(100);
        Assert.True(connection.IsConnected, "the app should reconnect to Redis by itself");

        // The Redis circuit breaker may still be open for a moment: retry a cold write until it lands.
        var landed = false;
        for (var attempt = 0; attempt < 50 && !landed; attempt++)
        {
            var id = SnapshotOracle.Instance.People.Keys.Order().ElementAt(1000 + attempt);
            await client.DataAsync($"{{ actor(tmdbId: {id}) {{ name }} }}");
            landed = (await _redis.CommandAsync("KEYS", $"*person:{id}*")).Contains($"person:{id}", StringComparison.Ordinal);
            if (!landed)
                await Task.Delay(100);
        }
        Assert.True(landed, "after Redis came back, new entries should be written to it again");
    }

    [Fact]
    public async Task While_tmdb_fails_an_expired_entry_is_served_and_an_uncached_one_is_upstream_unavailable()
    {
        var client = new GraphQLClient(Instance(("Caching:PersonTtl", "00:00:01")).CreateClient());
        var fresh = await client.DataAsync("{ actor(tmdbId: 976) { name credits { character } } }");
        await Task.Delay(1500);
        _tmdb.FailAlways(503);

        var stale = await client.PostAsync("{ actor(tmdbId: 976) { name credits { character } } }");
        Assert.Null(stale.Errors);
        Assert.Equal(fresh.ToJsonString(), stale.Data!.ToJsonString());

        var uncached = await client.PostAsync("{ actor(tmdbId: 3) { name } }");
        Assert.Equal("UPSTREAM_UNAVAILABLE", uncached.FirstCode);
    }

    [Fact]
    public async Task A_failure_is_never_cached_as_an_empty_result()
    {
        var client = new GraphQLClient(Instance().CreateClient());
        _tmdb.FailAlways(503, "/3/search/person");
        var failed = await client.PostAsync("{ searchActors(query: \"keanu\") { totalCount } }");
        Assert.Equal("UPSTREAM_UNAVAILABLE", failed.FirstCode);

        _tmdb.Heal();
        var healed = await client.DataAsync("{ searchActors(query: \"keanu\") { totalCount } }");
        Assert.Equal(SnapshotOracle.Instance.SearchPeople("keanu").Count, healed["searchActors"]!["totalCount"]!.GetValue<int>());
        Assert.True(healed["searchActors"]!["totalCount"]!.GetValue<int>() > 0);
    }
}
