using System.ComponentModel.DataAnnotations;

namespace ActorSync.GraphQL.Security;

/// <summary>Rate limits per client IP (configuration section <c>RateLimits</c>); the Ruby app's figures.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Whether operations are rate limited at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Operations with a search root field.</summary>
    [Range(1, 1_000_000)]
    public int SearchPerWindow { get; set; } = 60;

    /// <summary>Operations with a comparison root field.</summary>
    [Range(1, 1_000_000)]
    public int ComparePerWindow { get; set; } = 30;

    /// <summary>Every other operation.</summary>
    [Range(1, 1_000_000)]
    public int DefaultPerWindow { get; set; } = 120;

    /// <summary>The fixed window each budget is counted over (whole seconds with Redis).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public int LimitFor(string policy) => policy switch
    {
        OperationRateLimiter.Search => SearchPerWindow,
        OperationRateLimiter.Compare => ComparePerWindow,
        _ => DefaultPerWindow,
    };
}
