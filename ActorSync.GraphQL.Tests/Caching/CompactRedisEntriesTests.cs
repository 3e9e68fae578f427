using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Models;
using ActorSync.Tmdb.Offline;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace ActorSync.GraphQL.Tests.Caching;

/// <summary>
/// What the app keeps in a real redis-server: compact strings of the current format; entries of the previous format
/// (JSON in a hash, as the app wrote them before) are still read; entries it cannot read are fetched again, never an error.
/// </summary>
public sealed class CompactRedisEntriesTests : IAsyncLifetime
{
    private const string ActorName = "{ actor(tmdbId: 287) { name credits { movie { title } } } }";

    private RedisServer _redis = null!;
    private TmdbEmulator _tmdb = null!;
    private ConnectionMultiplexer _inspector = null!;
    private readonly List<ApiFactory> _factories = [];

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _tmdb = await TmdbEmulator.StartAsync();
        _inspector = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redis.Port},allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
            await factory.DisposeAsync();
        await _inspector.DisposeAsync();
        await _tmdb.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private GraphQLClient Instance()
    {
        var factory = new ApiFactory()
            .Live(_tmdb.BaseUrl, _tmdb.ApiKey)
            .With("REDIS_URL", _redis.Url)
            .With("Caching:ResultCache", "false");
        _factories.Add(factory);
        return new GraphQLClient(factory.CreateClient());
    }

    private IServer Server => _inspector.GetServer("127.0.0.1", _redis.Port);
    private IDatabase Database => _inspector.GetDatabase();

    [Fact]
    public async Task Every_entry_in_redis_is_a_string_of_the_current_compact_format()
    {
        var answer = await Instance().PostAsync("{ compareActors(tmdbIds: [287, 819]) { sharedMovies { movie { title runtime } } } searchActors(query: \"tom\", first: 3) { totalCount } }");
        Assert.Null(answer.Errors);

        var keys = Server.Keys(pattern: "*actorsync:*").ToArray();
        Assert.Contains(keys, k => k.ToString().EndsWith(":person:287", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.ToString().Contains(":search:", StringComparison.Ordinal));
        foreach (var key in keys)
        {
            Assert.Equal(RedisType.String, await Database.KeyTypeAsync(key));
            var value = (byte[])(await Database.StringGetAsync(key))!;
            Assert.Equal(CompactCacheSerializer.Marker, value[0]);
            Assert.Equal(CompactCacheSerializer.FormatVersion, value[1]);
            Assert.True(await Database.KeyTimeToLiveAsync(key) > TimeSpan.Zero, $"{key} has no expiry");
        }
    }

    [Fact]
    public async Task An_entry_of_the_previous_format_is_read_without_a_tmdb_call()
    {
        // Written as the app wrote entries before: FusionCache's JSON serializer into Microsoft's Redis hash layout.
        // The name is changed so the answer can only have come from this entry.
        var person = (await new OfflineTmdbClient().GetPersonAsync(287))! with { Name = "Brad Pitt (previous format)" };
        await WritePreviousFormatAsync(TmdbCache.PersonKey(287), person);
        var key = Server.Keys(pattern: "*person:287").Single();
        Assert.Equal(RedisType.Hash, await Database.KeyTypeAsync(key));

        var answer = await Instance().PostAsync(ActorName);

        Assert.Null(answer.Errors);
        Assert.Equal("Brad Pitt (previous format)", answer.Data!["actor"]!["name"]!.GetValue<string>());
        Assert.NotEmpty(answer.Data!["actor"]!["credits"]!.AsArray());
        Assert.Equal(0, _tmdb.CallsTo("/3/person/287"));
    }

    [Theory]
    [InlineData("an unknown format version", new byte[] { CompactCacheSerializer.Marker, 0x7F, 10, 0, 0, 0, 1, 2, 3 })]
    [InlineData("damaged bytes", new byte[] { CompactCacheSerializer.Marker, CompactCacheSerializer.FormatVersion, 200, 0, 0, 0, 9, 9, 9 })]
    public async Task An_entry_it_cannot_read_is_fetched_again_and_overwritten_without_an_error(string what, byte[] stored)
    {
        Assert.NotNull(what);
        var expected = await Instance().PostAsync(ActorName);
        Assert.Null(expected.Errors);
        var key = Server.Keys(pattern: "*person:287").Single();
        await Database.StringSetAsync(key, stored, TimeSpan.FromHours(1));
        _tmdb.ResetCounts();

        // A second instance has nothing in memory: Redis's unreadable entry is all it finds.
        var answer = await Instance().PostAsync(ActorName);

        Assert.Equal(200, answer.Status);
        Assert.Equal(expected.Body, answer.Body);
        Assert.Equal(1, _tmdb.CallsTo("/3/person/287"));
        var rewritten = (byte[])(await Database.StringGetAsync(key))!;
        Assert.Equal(CompactCacheSerializer.FormatVersion, rewritten[1]);
    }

    private async Task WritePreviousFormatAsync<T>(string key, T value)
    {
        using var previous = new FusionCache(new FusionCacheOptions { CacheKeyPrefix = "actorsync:" });
        previous.SetupDistributedCache(
            new RedisCache(new RedisCacheOptions { Configuration = $"127.0.0.1:{_redis.Port}" }),
            new FusionCacheSystemTextJsonSerializer(new JsonSerializerOptions
            {
                TypeInfoResolver = JsonTypeInfoResolver.Combine(TmdbJsonContext.Default, new DefaultJsonTypeInfoResolver()),
            }));
        await previous.SetAsync(key, value, new FusionCacheEntryOptions(TimeSpan.FromHours(1)) { AllowBackgroundDistributedCacheOperations = false });
    }
}
