using ActorSync.GraphQL.Redis;
using ActorSync.GraphQL.Settings;
using ActorSync.Tmdb;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Locking.Distributed.Redis;

namespace ActorSync.GraphQL.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// The entity cache (FusionCache): memory always; with <c>REDIS_URL</c>, Redis as the second level, a
    /// backplane so instances evict together, and a distributed lock so one instance at a time refreshes a key.
    /// <paramref name="caching"/> and <paramref name="redis"/> are the <c>Caching</c> and <c>Redis</c> sections as they
    /// are now (the composition root reads them): the memory level's size, Redis's timeouts and whether there is a
    /// Redis at all are chosen while services are registered.
    /// </summary>
    public static IServiceCollection AddActorSyncCaching(this IServiceCollection services, CacheOptions caching, RedisOptions redis)
    {
        var redisConfigured = redis.Connection is not null;

        // The memory level is bounded (sizes in KiB: an entity counts what it holds, see EntrySize; a stored result its
        // own size), so random traffic cannot grow it past a small instance's memory; the least recently used go first.
        var memoryLimitKb = caching.MemoryLimitMb * 1024L;
        var memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = memoryLimitKb, CompactionPercentage = 0.2, TrackStatistics = true });
        services.AddSingleton(new MemoryLevel(memory, memoryLimitKb));
        var fusion = services.AddFusionCache()
            .WithMemoryCache(memory)
            .WithOptions(o =>
            {
                o.CacheKeyPrefix = "actorsync:";
                // After a Redis error Redis is left alone this long (memory and fail-safe serve), not tried per call.
                o.DistributedCacheCircuitBreakerDuration = caching.RedisCircuitBreakerDuration;
                o.BackplaneCircuitBreakerDuration = caching.RedisCircuitBreakerDuration;
                // Redis trouble is expected and handled (memory serves): a warning, not an error per call.
                o.DistributedCacheErrorsLogLevel = LogLevel.Warning;
                o.BackplaneErrorsLogLevel = LogLevel.Warning;
                o.FailSafeActivationLogLevel = LogLevel.Warning;
                // The TMDB client logs its own failures once, with TMDB's status; no second copy per call.
                o.FactoryErrorsLogLevel = LogLevel.Debug;
            })
            .WithDefaultEntryOptions(_ => { })
            .WithPostSetup((provider, cache) =>
            {
                var options = provider.GetRequiredService<IOptions<CacheOptions>>().Value;
                var entry = cache.DefaultEntryOptions;
                entry.Size = 4;
                entry.IsFailSafeEnabled = true;
                entry.FailSafeMaxDuration = options.FailSafeMaxDuration;
                entry.FailSafeThrottleDuration = options.FailSafeThrottleDuration;
                entry.FactorySoftTimeout = options.FactorySoftTimeout;
                entry.DistributedCacheSoftTimeout = options.RedisSoftTimeout;
                entry.DistributedCacheHardTimeout = options.RedisHardTimeout;
                // Writes reach Redis before the request ends, so another instance (or a restart) finds them.
                entry.AllowBackgroundDistributedCacheOperations = false;
                entry.AllowBackgroundBackplaneOperations = true;
            });

        services.AddSingleton(new CacheBackend(redisConfigured ? "redis" : "memory"));
        if (redisConfigured)
        {
            services.AddSingleton(provider => new RedisConnection(
                provider.GetRequiredService<IOptions<RedisOptions>>().Value.Connection ?? throw new InvalidOperationException("REDIS_URL was set when services were registered and is not now."),
                provider.GetRequiredService<ILogger<RedisConnection>>()));
            fusion
                // Compact entries (Brotli JSON behind a format version) in plain strings: see CompactCacheSerializer and
                // RedisStringCache for what they save on a 25 MB Redis.
                .WithSerializer(new CompactCacheSerializer())
                .WithDistributedCache(provider => new RedisStringCache(provider.GetRequiredService<RedisConnection>().GetAsync))
                .WithBackplane(provider => new RedisBackplane(new RedisBackplaneOptions
                {
                    ConnectionMultiplexerFactory = provider.GetRequiredService<RedisConnection>().GetAsync,
                }))
                .WithDistributedLocker(provider => new RedisDistributedLocker(
                    Options.Create(new RedisDistributedLockerOptions
                    {
                        ConnectionMultiplexerFactory = provider.GetRequiredService<RedisConnection>().GetAsync,
                    }),
                    provider.GetRequiredService<ILogger<RedisDistributedLocker>>()));
        }

        services.AddSingleton<ResultCache>();
        // One per request (and per scope elsewhere): both data loaders of a request share it and its request figures.
        services.AddScoped<TmdbCache>();
        services.AddTransient<ITmdbClient>(provider => provider.GetRequiredService<TmdbCache>());
        return services;
    }
}

/// <summary>The entity and result cache's memory level, for its figures (entries and KiB used of its budget).</summary>
public sealed record MemoryLevel(MemoryCache Cache, long LimitKb);

/// <summary>Which second-level cache this instance was configured with ("redis" or "memory").</summary>
public sealed record CacheBackend(string Name);
