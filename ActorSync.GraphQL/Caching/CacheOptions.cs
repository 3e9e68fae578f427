using System.ComponentModel.DataAnnotations;
using ActorSync.Tmdb;

namespace ActorSync.GraphQL.Caching;

/// <summary>Cache settings (configuration section <c>Caching</c>); TTLs are the Ruby app's.</summary>
public sealed class CacheOptions : IValidatableObject
{
    /// <summary>How long a search page (and a result made of one) is kept.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan SearchTtl { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a movie (and a result made of movies) is kept.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan MovieTtl { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How long a person (and a result made of people) is kept.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan PersonTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Upper bound of the in-memory level (entities and stored results), in MB: 32 in either mode. Offline the bundled
    /// snapshot is already in memory and a miss only rebuilds an entity and its derived details from it (microseconds).
    /// Live, a miss goes to Redis before TMDB, and 32 MB still holds thousands of people and movies: at 64 MB the live
    /// soak (bench figure 8) peaked at 310 MB RSS, over the 256 MB a free instance can afford, and at 250 MB with 32.
    /// </summary>
    [Range(1, 4096)]
    public int MemoryLimitMb { get; set; } = 32;

    /// <summary>Whether identical operations are answered from the operation result cache.</summary>
    public bool ResultCache { get; set; } = true;

    /// <summary>A TMDB 404 is remembered this long, so an unknown id does not cost a call every time.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan NotFoundTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long past its TTL an entry may still be served while TMDB is failing (fail-safe).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan FailSafeMaxDuration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>After a fail-safe activation, the stale value is used this long before TMDB is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan FailSafeThrottleDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>With a stale value at hand, a slow TMDB call is not waited for longer than this (it completes in the background).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan FactorySoftTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Redis reads slower than this are skipped (memory and TMDB still answer).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RedisSoftTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Redis reads and writes are given up after this long (memory and TMDB still answer). At least the soft timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RedisHardTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>After a Redis error, Redis is left alone this long before being tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RedisCircuitBreakerDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Rules between two settings (messages name them as {0} and {1}; see Settings/SettingRules).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RedisSoftTimeout > RedisHardTimeout)
            yield return new("{0} must not be longer than {1}", [nameof(RedisSoftTimeout), nameof(RedisHardTimeout)]);
    }
}
