namespace ActorSync.Tmdb.Http;

/// <summary>
/// How the live client survives TMDB's failures (DESIGN.md §6; configuration section <c>Tmdb:Resilience</c>).
/// The defaults are tuned for an interactive API: a GraphQL request never waits on TMDB for long.
/// </summary>
public sealed class TmdbResilienceOptions
{
    /// <summary>Retries of a transient failure (5xx, 408, 429, timeouts, connection failures); 404 and 401 are never retried.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A 429's Retry-After is honoured up to this long; a longer one fails the call at once.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Budget for one TMDB call, all attempts and waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The circuit opens when at least this share of sampled calls failed…</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>…out of at least this many calls…</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>…within this window.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before letting a probe through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Client-side limit on calls to TMDB per second, per instance (TMDB allows about 40).</summary>
    public int RequestsPerSecond { get; set; } = 40;

    /// <summary>Calls that may wait for the rate limiter; beyond that a call fails as unavailable.</summary>
    public int RateLimitQueue { get; set; } = 2000;
}
