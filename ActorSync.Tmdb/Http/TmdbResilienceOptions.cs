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

    /// <summary>
    /// A call that met a 429 (or a 503 with Retry-After) waits for it and retries when the wait is at most this long; a
    /// longer one fails the call at once (with <c>retryAfter</c>), so a GraphQL request does not sit out TMDB's penalty.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one attempt may wait for TMDB's answer before it counts as a failure (retried, and sampled by the circuit
    /// breaker). Close to <see cref="TotalTimeout"/>: a slow TMDB (answering in 3-4 s) is waited for, not taken for
    /// down; a TMDB that hangs still fails within the total budget. Capped by <see cref="TotalTimeout"/>.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Budget for one TMDB call, all attempts and waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The circuit opens when at least this share of sampled calls failed…</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>…out of at least this many calls…</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>…within this window.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the circuit stays open the first time before letting a probe through. Each failed probe doubles the
    /// next break, up to <see cref="MaxBreakDuration"/>; a successful probe closes the circuit and resets it.
    /// </summary>
    public TimeSpan FirstBreakDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest break while TMDB keeps failing. It bounds how long errors go on after TMDB recovers (the break
    /// running then, plus one probe), so the default keeps that within about 5 s; a longer one probes a dead TMDB less.
    /// </summary>
    public TimeSpan MaxBreakDuration { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// After a 429, no call is sent to TMDB until its <c>Retry-After</c> (seconds or a date) has passed, up to this long;
    /// meanwhile cached data is served and the rest gets UPSTREAM_UNAVAILABLE with <c>retryAfter</c> at once.
    /// </summary>
    public TimeSpan MaxHoldOff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The hold-off after a 429 without a (usable) <c>Retry-After</c> header.</summary>
    public TimeSpan DefaultHoldOff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Client-side limit on calls to TMDB per second, per instance (TMDB allows about 40).</summary>
    public int RequestsPerSecond { get; set; } = 40;

    /// <summary>Calls that may wait for the rate limiter; beyond that a call fails as unavailable.</summary>
    public int RateLimitQueue { get; set; } = 2000;
}
