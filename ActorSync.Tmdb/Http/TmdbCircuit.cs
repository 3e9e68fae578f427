using Polly.CircuitBreaker;

namespace ActorSync.Tmdb.Http;

/// <summary>Shared state of the live client: its circuit breaker (for health checks and metrics) and what it has reported.</summary>
public sealed class TmdbCircuit
{
    internal CircuitBreakerStateProvider Provider { get; } = new();

    /// <summary>Set once the first 401 is logged, so a bad key is reported once, not on every call.</summary>
    internal int AuthFailureLogged;

    /// <summary>"closed", "open" or "half-open" (an isolated circuit reads as open).</summary>
    public string State => Provider.CircuitState switch
    {
        CircuitState.Closed => "closed",
        CircuitState.HalfOpen => "half-open",
        _ => "open",
    };
}
