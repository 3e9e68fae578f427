using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorSync.Tmdb.Http;

/// <summary>
/// The instance's shared hold-off after a 429: until TMDB's <c>Retry-After</c> has passed, no call is sent to TMDB
/// (a call would only earn another 429 and lengthen the penalty). One per instance (a singleton), read by the client
/// before each call, by the pipeline before each attempt and retry, and by health.
/// </summary>
public sealed partial class TmdbHoldOff(IOptions<TmdbResilienceOptions> options, ILogger<TmdbHoldOff> logger, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The end of the hold-off as a <see cref="TimeProvider.GetTimestamp"/> value; 0 when none was ever set.</summary>
    private long _until;

    /// <summary>How many hold-offs began (a 429 while none was running), for health and the soak figures.</summary>
    public long Started => Interlocked.Read(ref _started);

    private long _started;

    /// <summary>Time left before TMDB may be called again; zero when no hold-off runs.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var until = Interlocked.Read(ref _until);
            if (until == 0)
                return TimeSpan.Zero;
            var left = _time.GetElapsedTime(_time.GetTimestamp(), until);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public bool IsActive => Remaining > TimeSpan.Zero;

    /// <summary>Whole seconds left, rounded up (what <c>extensions.retryAfter</c> and health show); 0 when none runs.</summary>
    public int RemainingSeconds => (int)Math.Ceiling(Remaining.TotalSeconds);

    /// <summary>When the hold-off ends, in UTC; null when none runs.</summary>
    public DateTimeOffset? Until => Remaining is { } left && left > TimeSpan.Zero ? _time.GetUtcNow() + left : null;

    /// <summary>
    /// A 429 arrived: hold off for its <c>Retry-After</c> (seconds or a date), at most
    /// <see cref="TmdbResilienceOptions.MaxHoldOff"/>; without a usable header, <see cref="TmdbResilienceOptions.DefaultHoldOff"/>.
    /// A running hold-off is only ever lengthened.
    /// </summary>
    public TimeSpan Start(RetryConditionHeaderValue? retryAfter)
    {
        var settings = options.Value;
        var wait = HoldOffFor(retryAfter, _time.GetUtcNow(), settings.DefaultHoldOff, settings.MaxHoldOff);
        var now = _time.GetTimestamp();
        var until = now + (long)(wait.TotalSeconds * _time.TimestampFrequency);
        long current;
        do
        {
            current = Interlocked.Read(ref _until);
            if (current >= until)
                return wait;
        }
        while (Interlocked.CompareExchange(ref _until, until, current) != current);
        // Concurrent 429s (calls already in flight) extend the hold-off silently: one line per hold-off, not per 429.
        if (current <= now)
        {
            Interlocked.Increment(ref _started);
            LogHoldingOff(logger, Math.Round(wait.TotalSeconds, 1));
        }
        return wait;
    }

    /// <summary>Throws <see cref="TmdbHoldOffException"/> while a hold-off runs.</summary>
    public void ThrowIfActive(string endpoint)
    {
        if (IsActive)
            throw Rejection(endpoint);
    }

    /// <summary>The exception for a call refused (or answered 429) during the hold-off.</summary>
    public TmdbHoldOffException Rejection(string endpoint, int? httpStatus = null) =>
        new($"TMDB {endpoint} call not sent: TMDB asked to hold off for {RemainingSeconds} s more.", Math.Max(1, RemainingSeconds), httpStatus);

    /// <summary>How long a <c>Retry-After</c> asks for, within [0, <paramref name="max"/>]; <paramref name="fallback"/> without one.</summary>
    public static TimeSpan HoldOffFor(RetryConditionHeaderValue? retryAfter, DateTimeOffset now, TimeSpan fallback, TimeSpan max)
    {
        var wait = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => fallback,
        };
        if (wait < TimeSpan.Zero)
            wait = TimeSpan.Zero;
        return wait > max ? max : wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "TMDB answered 429: no TMDB call for {Seconds} s (cached data is served, the rest gets UPSTREAM_UNAVAILABLE with retryAfter)")]
    private static partial void LogHoldingOff(ILogger logger, double seconds);
}
