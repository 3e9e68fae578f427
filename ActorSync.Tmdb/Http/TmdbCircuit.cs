using Polly.CircuitBreaker;

namespace ActorSync.Tmdb.Http;

/// <summary>The state of the live client's circuit breaker, for health checks and metrics.</summary>
public sealed class TmdbCircuit
{
    internal CircuitBreakerStateProvider Provider { get; } = new();

    /// <summary>"closed", "open" or "half-open" (an isolated circuit reads as open).</summary>
    public string State => Provider.CircuitState switch
    {
        CircuitState.Closed => "closed",
        CircuitState.HalfOpen => "half-open",
        _ => "open",
    };
}
