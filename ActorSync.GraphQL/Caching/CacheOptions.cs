using ActorSync.Tmdb;

namespace ActorSync.GraphQL.Caching;

/// <summary>Cache settings (configuration section <c>Caching</c>); TTLs are the Ruby app's.</summary>
public sealed class CacheOptions
{
    public TimeSpan SearchTtl { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan MovieTtl { get; set; } = TimeSpan.FromMinutes(60);
    public TimeSpan PersonTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Upper bound of the in-memory level (entities and stored results), in MB; see <see cref="DefaultMemoryLimitMb"/>.</summary>
    public int MemoryLimitMb { get; set; } = 64;

    /// <summary>
    /// The memory level's budget when <c>Caching:MemoryLimitMb</c> is not set: 64 MB in front of live TMDB, where a
    /// miss is a network round trip; 32 MB offline, where the bundled snapshot is already in memory and a miss only
    /// rebuilds an entity and its derived details from it (microseconds), so a large level would mostly hold copies.
    /// </summary>
    public static int DefaultMemoryLimitMb(TmdbMode mode) => mode == TmdbMode.Live ? 64 : 32;

    /// <summary>Whether identical operations are answered from the operation result cache.</summary>
    public bool ResultCache { get; set; } = true;

    /// <summary>A TMDB 404 is remembered this long, so an unknown id does not cost a call every time.</summary>
    public TimeSpan NotFoundTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long past its TTL an entry may still be served while TMDB is failing (fail-safe).</summary>
    public TimeSpan FailSafeMaxDuration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>After a fail-safe activation, the stale value is used this long before TMDB is tried again.</summary>
    public TimeSpan FailSafeThrottleDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>With a stale value at hand, a slow TMDB call is not waited for longer than this (it completes in the background).</summary>
    public TimeSpan FactorySoftTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Redis reads slower than this are skipped (memory and TMDB still answer).</summary>
    public TimeSpan RedisSoftTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan RedisHardTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>After a Redis error, Redis is left alone this long before being tried again.</summary>
    public TimeSpan RedisCircuitBreakerDuration { get; set; } = TimeSpan.FromSeconds(2);
}
