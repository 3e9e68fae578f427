using Polly;
using Polly.CircuitBreaker;

namespace ActorSync.Tmdb.Http;

/// <summary>Shared state of the live client: its circuit breaker (for health checks and metrics) and what it has reported.</summary>
public sealed class TmdbCircuit
{
    internal CircuitBreakerStateProvider Provider { get; } = new();

    /// <summary>Set once the first 401 is logged, so a bad key is reported once, not on every call.</summary>
    internal int AuthFailureLogged;

    private long _opened;
    private long _lastBreakTicks;

    /// <summary>"closed", "open" or "half-open" (an isolated circuit reads as open).</summary>
    public string State => Provider.CircuitState switch
    {
        CircuitState.Closed => "closed",
        CircuitState.HalfOpen => "half-open",
        _ => "open",
    };

    /// <summary>How many times the circuit opened since start (a failed probe re-opening it counts too).</summary>
    public long Opened => Interlocked.Read(ref _opened);

    /// <summary>The last break's length (zero before the first): it grows while TMDB keeps failing its probes.</summary>
    public TimeSpan LastBreak => TimeSpan.FromTicks(Interlocked.Read(ref _lastBreakTicks));

    internal void OnOpened(TimeSpan breakDuration)
    {
        Interlocked.Increment(ref _opened);
        Interlocked.Exchange(ref _lastBreakTicks, breakDuration.Ticks);
    }

    /// <summary>
    /// The break after <paramref name="failedProbes"/> failed probes in a row: <paramref name="first"/>, doubling up to
    /// <paramref name="max"/>. A short first break ends errors soon after a brief outage; the doubling spares a TMDB
    /// that stays down. A successful probe closes the circuit, and the next opening starts from the first break again.
    /// </summary>
    public static TimeSpan BreakDuration(int failedProbes, TimeSpan first, TimeSpan max)
    {
        if (first >= max)
            return max;
        // 2^30 times any positive first break is past any sensible maximum: no overflow, the same answer.
        var factor = Math.Pow(2, Math.Clamp(failedProbes, 0, 30));
        var ticks = first.Ticks * factor;
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>What made the circuit open, for its log line: a status or an exception's type, never a URL or a trace.</summary>
    internal static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } ex } => ex.GetType().Name,
        { Result: { } response } => $"HTTP {(int)response.StatusCode}",
        _ => "failures",
    };
}
