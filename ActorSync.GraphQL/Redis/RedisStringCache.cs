using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace ActorSync.GraphQL.Redis;

/// <summary>
/// The cache's Redis level: one plain string per entry (<c>SET key value PX ttl</c>, <c>GET key</c>). On Render's
/// free Key Value (25 MB) the per-key cost decides how many entries fit: the hash that
/// <c>Microsoft.Extensions.Caching.StackExchangeRedis</c> writes (fields <c>data</c>, <c>absexp</c>, <c>sldexp</c>)
/// costs ~360 B a key more than a string (bench figure 10: 2.66 KB against 2.31 KB a key with compact values), and a
/// read is one GET instead of a script. FusionCache sets absolute expirations only, so a sliding one is kept as a
/// plain TTL (it is not extended on reads).
/// </summary>
/// <remarks>
/// An entry written before this class (a hash) answers <c>GET</c> with WRONGTYPE: its <c>data</c> field is read instead,
/// so a deploy does not start cold, and the next write of that key replaces it with a string.
/// </remarks>
public sealed class RedisStringCache(Func<Task<IConnectionMultiplexer>> connect) : IDistributedCache
{
    /// <summary>The field the hash layout kept the value in.</summary>
    private static readonly RedisValue LegacyDataField = "data";

    public byte[]? Get(string key)
    {
        var database = Database();
        try
        {
            return (byte[]?)database.StringGet(key);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal))
        {
            return (byte[]?)database.HashGet(key, LegacyDataField);
        }
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        try
        {
            return (byte[]?)await database.StringGetAsync(key).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal))
        {
            return (byte[]?)await database.HashGetAsync(key, LegacyDataField).ConfigureAwait(false);
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        var database = Database();
        var ttl = TimeToLive(options, DateTimeOffset.UtcNow);
        if (ttl is { } expiry && expiry <= TimeSpan.Zero)
            database.KeyDelete(key);
        else if (ttl is { } time)
            database.StringSet(key, value, time);
        else
            database.StringSet(key, value);
    }

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var ttl = TimeToLive(options, DateTimeOffset.UtcNow);
        if (ttl is { } expiry && expiry <= TimeSpan.Zero)
        {
            // Already expired: what Redis holds for the key is older still.
            await database.KeyDeleteAsync(key).ConfigureAwait(false);
            return;
        }
        // SET replaces a key of any type, so an entry of the hash layout becomes a string here.
        await (ttl is { } time ? database.StringSetAsync(key, value, time) : database.StringSetAsync(key, value)).ConfigureAwait(false);
    }

    /// <summary>Nothing to extend: entries have absolute expirations (see the class summary).</summary>
    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => Database().KeyDelete(key);

    public async Task RemoveAsync(string key, CancellationToken token = default) =>
        await (await DatabaseAsync().ConfigureAwait(false)).KeyDeleteAsync(key).ConfigureAwait(false);

    /// <summary>The entry's time to live: the earliest of its expirations; null when it has none.</summary>
    public static TimeSpan? TimeToLive(DistributedCacheEntryOptions options, DateTimeOffset now)
    {
        TimeSpan? ttl = options.AbsoluteExpirationRelativeToNow;
        if (options.AbsoluteExpiration is { } absolute && (ttl is null || absolute - now < ttl))
            ttl = absolute - now;
        if (options.SlidingExpiration is { } sliding && (ttl is null || sliding < ttl))
            ttl = sliding;
        return ttl;
    }

    private async Task<IDatabase> DatabaseAsync() => (await connect().ConfigureAwait(false)).GetDatabase();

    /// <summary>For the synchronous calls (FusionCache's sync API; this app's requests use the async one).</summary>
    private IDatabase Database() => connect().GetAwaiter().GetResult().GetDatabase();
}
