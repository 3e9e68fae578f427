namespace ActorSync.GraphQL.Security;

/// <summary>Rate limits per client IP (configuration section <c>RateLimits</c>); the Ruby app's figures.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Operations with a search root field.</summary>
    public int SearchPerWindow { get; set; } = 60;

    /// <summary>Operations with a comparison root field.</summary>
    public int ComparePerWindow { get; set; } = 30;

    /// <summary>Every other operation.</summary>
    public int DefaultPerWindow { get; set; } = 120;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public int LimitFor(string policy) => policy switch
    {
        OperationRateLimiter.Search => SearchPerWindow,
        OperationRateLimiter.Compare => ComparePerWindow,
        _ => DefaultPerWindow,
    };
}
