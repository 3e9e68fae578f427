using ActorSync.GraphQL.Redis;
using ActorSync.TestHosts;
using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace ActorSync.GraphQL.Tests.Redis;

/// <summary>The cache's Redis level against a real redis-server: strings with a TTL, and the previous hash layout.</summary>
public sealed class RedisStringCacheTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _connection = null!;
    private RedisStringCache _cache = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redis.Port}");
        _cache = new RedisStringCache(() => Task.FromResult<IConnectionMultiplexer>(_connection));
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private IDatabase Database => _connection.GetDatabase();

    [Fact]
    public async Task A_value_is_stored_as_a_string_with_its_absolute_expiration_as_ttl()
    {
        await _cache.SetAsync("k", [1, 2, 3], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) });

        Assert.Equal(RedisType.String, await Database.KeyTypeAsync("k"));
        Assert.Equal([1, 2, 3], await _cache.GetAsync("k"));
        var ttl = await Database.KeyTimeToLiveAsync("k");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task An_absent_key_reads_as_null_and_remove_deletes()
    {
        Assert.Null(await _cache.GetAsync("absent"));
        await _cache.SetAsync("gone", [7], new DistributedCacheEntryOptions());
        await _cache.RemoveAsync("gone");
        Assert.False(await Database.KeyExistsAsync("gone"));
    }

    [Fact]
    public async Task An_entry_already_expired_is_not_stored_and_removes_an_older_one()
    {
        await _cache.SetAsync("k", [1], new DistributedCacheEntryOptions());
        await _cache.SetAsync("k", [2], new DistributedCacheEntryOptions { AbsoluteExpiration = DateTimeOffset.UtcNow.AddMinutes(-1) });
        Assert.False(await Database.KeyExistsAsync("k"));
    }

    [Fact]
    public async Task A_hash_of_the_previous_layout_is_read_from_its_data_field_and_replaced_by_the_next_write()
    {
        await Database.HashSetAsync("old", [new HashEntry("absexp", 1), new HashEntry("sldexp", -1), new HashEntry("data", new byte[] { 9, 8 })]);

        Assert.Equal([9, 8], await _cache.GetAsync("old"));

        await _cache.SetAsync("old", [5], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        Assert.Equal(RedisType.String, await Database.KeyTypeAsync("old"));
        Assert.Equal([5], await _cache.GetAsync("old"));
    }

    [Fact]
    public async Task The_synchronous_calls_store_read_and_remove_the_same_strings()
    {
        _cache.Set("s", [4, 2], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(3) });
        Assert.Equal([4, 2], _cache.Get("s"));
        Assert.Equal([4, 2], await _cache.GetAsync("s"));
        Assert.InRange((await Database.KeyTimeToLiveAsync("s"))!.Value, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3));
        await Database.HashSetAsync("h", "data", new byte[] { 1 });
        Assert.Equal([1], _cache.Get("h"));
        _cache.Remove("s");
        Assert.Null(_cache.Get("s"));
    }

    [Fact]
    public void The_ttl_is_the_earliest_of_the_expirations_and_none_without_any()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Null(RedisStringCache.TimeToLive(new DistributedCacheEntryOptions(), now));
        Assert.Equal(TimeSpan.FromMinutes(5), RedisStringCache.TimeToLive(new DistributedCacheEntryOptions
        {
            AbsoluteExpiration = now.AddMinutes(5),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(30),
        }, now));
        Assert.Equal(TimeSpan.FromMinutes(2), RedisStringCache.TimeToLive(new DistributedCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(30),
            SlidingExpiration = TimeSpan.FromMinutes(2),
        }, now));
    }
}
