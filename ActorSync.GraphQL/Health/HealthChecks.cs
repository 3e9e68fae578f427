using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Execution;
using ActorSync.GraphQL.Redis;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Http;
using ActorSync.Tmdb.Offline;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Health;

/// <summary>
/// The app itself: up, with its version, uptime, document cache figures, the request caches' byte budget and the process's running totals (CPU time,
/// bytes allocated, collections, resident memory), which a monitor or the bench turns into rates and per-request costs.
/// </summary>
public sealed class AppHealthCheck(OperationCache documents, DirectExecution direct) : IHealthCheck
{
    /// <summary>When the process started (not when this type was first used: that was the first health check).</summary>
    private static readonly DateTimeOffset Started = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(data: new Dictionary<string, object>
        {
            ["version"] = HealthEndpoints.Version,
            ["uptimeSeconds"] = (long)(DateTimeOffset.UtcNow - Started).TotalSeconds,
            ["documentCache"] = new Dictionary<string, object>
            {
                ["hits"] = documents.Hits,
                ["misses"] = documents.Misses,
                ["hitRatio"] = Math.Round(documents.HitRatio, 4),
                ["directAnswers"] = direct.Answers,
                ["directFallbacks"] = direct.Fallbacks,
            },
            // Everything remembered about what clients sent, against its one budget (GraphQLHttp:RequestCacheBudgetMb).
            ["requestCaches"] = new Dictionary<string, object>
            {
                ["entries"] = documents.Budget.Entries,
                ["usedBytes"] = documents.Budget.UsedBytes,
                ["limitBytes"] = documents.Budget.LimitBytes,
            },
            ["process"] = new Dictionary<string, object>
            {
                ["cpuSeconds"] = Math.Round(Environment.CpuUsage.TotalTime.TotalSeconds, 3),
                ["allocatedBytes"] = GC.GetTotalAllocatedBytes(),
                ["gcCollections"] = new Dictionary<string, object>
                {
                    ["gen0"] = GC.CollectionCount(0),
                    ["gen1"] = GC.CollectionCount(1),
                    ["gen2"] = GC.CollectionCount(2),
                },
                ["gcHeapBytes"] = GC.GetGCMemoryInfo().HeapSizeBytes,
                ["workingSetBytes"] = Environment.WorkingSet,
            },
        }));
}

/// <summary>
/// The cache: healthy on memory; with Redis, a ping. Redis down is degraded, not unhealthy: memory serves. Either way it
/// reports the memory level's entries and the KiB they use of its budget.
/// </summary>
public sealed class CacheHealthCheck(CacheBackend backend, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["backend"] = backend.Name };
        if (services.GetService<MemoryLevel>() is { } level && level.Cache.GetCurrentStatistics() is { } statistics)
        {
            data["memory"] = new Dictionary<string, object>
            {
                ["entries"] = statistics.CurrentEntryCount,
                ["usedKb"] = statistics.CurrentEstimatedSize ?? 0,
                ["limitKb"] = level.LimitKb,
            };
        }
        if (services.GetService<RedisConnection>() is not { } redis)
            return HealthCheckResult.Healthy("Memory cache.", data);
        try
        {
            var connection = await redis.GetAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            var latency = await connection.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            data["latencyMs"] = Math.Round(latency.TotalMilliseconds, 2);
            return HealthCheckResult.Healthy("Redis answers.", data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded("Redis is unreachable; serving from memory and reconnecting.", data: data);
        }
    }
}

/// <summary>
/// TMDB: the mode, the circuit breaker and the 429 hold-off (read live at every check, for monitors and the soak
/// bench), and (live) a cheap <c>/configuration</c> probe whose outcome is reused for a while, so health checks never
/// hammer TMDB. A rejected key is unhealthy; anything else failing, an open circuit or a hold-off is degraded (HTTP
/// 200: cached data is still served, and the load balancer must not take the instance out).
/// </summary>
public sealed class TmdbHealthCheck(IOptions<TmdbOptions> options, IServiceProvider services, IOptions<HealthOptions> health) : IHealthCheck
{
    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _probe;
    private long _probedAt;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.EffectiveMode != TmdbMode.Live)
        {
            // Loaded in the background at start (a few milliseconds in its compact form); a request before then waits for it.
            var loaded = services.GetService<OfflineTmdbClient>()?.IsLoaded ?? true;
            return HealthCheckResult.Healthy(loaded ? "Serving the bundled offline snapshot." : "Loading the bundled offline snapshot.", new Dictionary<string, object>
            {
                ["mode"] = "offline",
                ["circuit"] = "closed",
                ["snapshot"] = loaded ? "loaded" : "loading",
            });
        }

        var circuit = services.GetRequiredService<TmdbCircuit>();
        var holdOff = services.GetRequiredService<TmdbHoldOff>();
        var data = new Dictionary<string, object>
        {
            ["mode"] = "live",
            ["circuit"] = circuit.State,
            ["circuitOpened"] = circuit.Opened,
            ["lastBreakSeconds"] = Math.Round(circuit.LastBreak.TotalSeconds, 1),
            ["holdOffSeconds"] = holdOff.RemainingSeconds,
            ["holdOffs"] = holdOff.Started,
        };
        if (holdOff.Until is { } until)
        {
            data["rateLimitedUntil"] = until.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            return HealthCheckResult.Degraded(
                $"TMDB answered 429: no TMDB call for {holdOff.RemainingSeconds} s; cached data is served, the rest gets UPSTREAM_UNAVAILABLE with retryAfter.", data: data);
        }
        if (circuit.State != "closed")
            return HealthCheckResult.Degraded($"The TMDB circuit is {circuit.State}: cached data is served, the rest fails fast.", data: data);

        Task<HealthCheckResult> probe;
        lock (_gate)
        {
            if (_probe is null || (_probe.IsCompleted && Stopwatch.GetElapsedTime(_probedAt) > ReuseFor(_probe.Result)))
            {
                _probedAt = Stopwatch.GetTimestamp();
                _probe = ProbeAsync();
            }
            probe = _probe;
        }
        var probed = await probe;
        return new HealthCheckResult(probed.Status, probed.Description, data: data);
    }

    /// <summary>
    /// A failed probe is reused briefly: the circuit closes within seconds of TMDB's recovery, and health should not
    /// go on reporting TMDB down for a whole probe interval after that.
    /// </summary>
    private TimeSpan ReuseFor(HealthCheckResult probed) =>
        probed.Status == HealthStatus.Healthy || health.Value.TmdbProbeInterval < FailedProbeReuse ? health.Value.TmdbProbeInterval : FailedProbeReuse;

    private static readonly TimeSpan FailedProbeReuse = TimeSpan.FromSeconds(5);

    private async Task<HealthCheckResult> ProbeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await services.GetRequiredService<TmdbHttpClient>().GetConfigurationAsync(timeout.Token);
            return HealthCheckResult.Healthy("TMDB answers.");
        }
        catch (TmdbException ex) when (ex.HttpStatus == 401)
        {
            return HealthCheckResult.Unhealthy("TMDB rejects the API key: check TMDB_API_KEY.");
        }
        catch (Exception)
        {
            return HealthCheckResult.Degraded("TMDB does not answer: cached data is served, the rest fails fast.");
        }
    }
}

/// <summary>Health settings (configuration section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    /// <summary>How long one TMDB probe's outcome is reused (0: every health check probes).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan TmdbProbeInterval { get; set; } = TimeSpan.FromSeconds(30);
}
