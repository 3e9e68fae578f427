using System.ComponentModel.DataAnnotations;

namespace ActorSync.Tmdb.Http;

/// <summary>
/// How the live client survives TMDB's failures (DESIGN.md §6; configuration section <c>Tmdb:Resilience</c>).
/// The defaults are tuned for an interactive API: a GraphQL request never waits on TMDB for long.
/// </summary>
public sealed class TmdbResilienceOptions : IValidatableObject
{
    /// <summary>Retries of a transient failure (5xx, 408, 429, timeouts, connection failures); 404 and 401 are never retried. 0: none.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// A call that met a 429 (or a 503 with Retry-After) waits for it and retries when the wait is at most this long; a
    /// longer one fails the call at once (with <c>retryAfter</c>), so a GraphQL request does not sit out TMDB's penalty.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one attempt may wait for TMDB's answer before it counts as a failure (retried, and sampled by the circuit
    /// breaker). Close to <see cref="TotalTimeout"/>: a slow TMDB (answering in 3-4 s) is waited for, not taken for
    /// down; a TMDB that hangs still fails within the total budget. Capped by <see cref="TotalTimeout"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Budget for one TMDB call, all attempts and waits included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The circuit opens when at least this share of sampled calls failed…</summary>
    [Range(0.0, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>…out of at least this many calls…</summary>
    [Range(2, 100_000)]
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>…within this window.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the circuit stays open the first time before letting a probe through. Each failed probe doubles the
    /// next break, up to <see cref="MaxBreakDuration"/>; a successful probe closes the circuit and resets it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstBreakDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest break while TMDB keeps failing. It bounds how long errors go on after TMDB recovers (the break
    /// running then, plus one probe), so the default keeps that within about 5 s; a longer one probes a dead TMDB less.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxBreakDuration { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// After a 429, no call is sent to TMDB until its <c>Retry-After</c> (seconds or a date) has passed, up to this long;
    /// meanwhile cached data is served and the rest gets UPSTREAM_UNAVAILABLE with <c>retryAfter</c> at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxHoldOff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The hold-off after a 429 without a (usable) <c>Retry-After</c> header.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DefaultHoldOff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Client-side limit on calls to TMDB per second, per instance (TMDB allows about 40).</summary>
    [Range(1, 10_000)]
    public int RequestsPerSecond { get; set; } = 40;

    /// <summary>Calls that may wait for the rate limiter; beyond that a call fails as unavailable.</summary>
    [Range(0, 1_000_000)]
    public int RateLimitQueue { get; set; } = 2000;

    /// <summary>
    /// Rules between two settings. Each message names its settings as {0} and {1}, so whoever reports it can use the
    /// names an operator sets (the API's start-up check says Tmdb__Resilience__FirstBreakDuration).
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FirstBreakDuration > MaxBreakDuration)
            yield return new("{0} must not be longer than {1}", [nameof(FirstBreakDuration), nameof(MaxBreakDuration)]);
        if (DefaultHoldOff > MaxHoldOff)
            yield return new("{0} must not be longer than {1}", [nameof(DefaultHoldOff), nameof(MaxHoldOff)]);
    }
}
