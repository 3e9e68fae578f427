using Microsoft.Extensions.Logging;

namespace ActorSync.Tmdb.Http;

/// <summary>
/// The live client's resilience events, in place of Polly's own telemetry (one line per attempt, a stack trace per
/// rejected call): one warning when the circuit changes state, none per attempt, never a URL (it may carry the key).
/// </summary>
public static partial class TmdbResilienceLog
{
    /// <summary>The logger category, for filters (<c>Logging__LogLevel__ActorSync.Tmdb.Resilience</c>).</summary>
    public const string Category = "ActorSync.Tmdb.Resilience";

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "TMDB circuit opened for {BreakSeconds} s after {Cause}: calls fail fast with UPSTREAM_UNAVAILABLE, cached data is served")]
    public static partial void CircuitOpened(ILogger logger, double breakSeconds, string cause);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "TMDB circuit half-open: one probe call goes to TMDB")]
    public static partial void CircuitHalfOpened(ILogger logger);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "TMDB circuit closed: TMDB answers again")]
    public static partial void CircuitClosed(ILogger logger);
}
