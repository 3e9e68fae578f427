using System.Diagnostics.Metrics;
using ActorSync.GraphQL.Health;
using ActorSync.Tmdb.Http;

namespace ActorSync.GraphQL.Observability;

/// <summary>
/// The app's own metrics (meter <c>ActorSync</c>), exported over OTLP when it is on and readable by any
/// <see cref="MeterListener"/> (dotnet-counters, tests) either way. One instance per app, made through
/// <see cref="IMeterFactory"/> so that several apps in one process (tests) keep their measurements apart.
/// </summary>
public sealed class ActorSyncMetrics
{
    public const string MeterName = "ActorSync";

    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _tmdbCalls;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _securityRefusals;

    public ActorSyncMetrics(IMeterFactory meters, IServiceProvider services)
    {
        Meter = meters.Create(MeterName, HealthEndpoints.Version);
        _cacheHits = Meter.CreateCounter<long>("actorsync.cache.hits", "{lookup}", "Entity cache look-ups answered from memory or Redis.");
        _cacheMisses = Meter.CreateCounter<long>("actorsync.cache.misses", "{lookup}", "Entity cache look-ups that went to TMDB (or the offline snapshot).");
        _tmdbCalls = Meter.CreateCounter<long>("actorsync.tmdb.calls", "{call}", "Calls to the TMDB source, by endpoint and outcome.");
        _rateLimitRejections = Meter.CreateCounter<long>("actorsync.ratelimit.rejections", "{request}", "Requests refused by a rate limit policy.");
        _securityRefusals = Meter.CreateCounter<long>("actorsync.security.refusals", "{request}",
            "Requests refused for what they sent or how often, by reason (Security/SecurityEvents.cs).");
        // The circuit only exists in live mode; offline, the gauge reports nothing rather than a made-up "closed".
        Meter.CreateObservableGauge(
            "actorsync.tmdb.circuit",
            () => services.GetService<TmdbCircuit>() is { } circuit ? [new Measurement<int>(CircuitValue(circuit.State))] : Array.Empty<Measurement<int>>(),
            unit: null,
            description: "The TMDB circuit breaker: 0 closed, 1 half-open, 2 open.");
    }

    public Meter Meter { get; }

    /// <param name="kind">person, movie or search.</param>
    public void CacheHit(string kind) => _cacheHits.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <param name="kind">person, movie or search.</param>
    public void CacheMiss(string kind) => _cacheMisses.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <param name="endpoint">person, movie, search/person, search/movie or configuration.</param>
    /// <param name="outcome">ok, not_found, unavailable, canceled or error.</param>
    public void TmdbCall(string endpoint, string outcome) =>
        _tmdbCalls.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>For the rate limiter's OnRejected: one request refused by <paramref name="policy"/>.</summary>
    public void RateLimitRejected(string policy) => _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", policy));

    /// <summary>One request refused; <paramref name="reason"/> is one of the few <c>SecurityEvents</c> reasons.</summary>
    public void SecurityRefusal(string reason) => _securityRefusals.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal static int CircuitValue(string state) => state switch
    {
        "closed" => 0,
        "half-open" => 1,
        _ => 2,
    };
}
