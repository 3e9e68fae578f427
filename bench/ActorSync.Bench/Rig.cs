using System.Globalization;
using ActorSync.TestHosts;

namespace ActorSync.Bench;

/// <summary>What every figure uses: the options, the snapshot's ids, the report, and the ways to start what it measures.</summary>
public sealed class Rig(BenchOptions options, SnapshotData snapshot, Report report, string logDirectory, CancellationToken cancellationToken) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private int _apiCount;

    public BenchOptions Options { get; } = options;
    public SnapshotData Snapshot { get; } = snapshot;
    public Report Report { get; } = report;
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>For one request at a time (and health polling); load runs make their own.</summary>
    public HttpClient Http { get; } = GraphQLHttp.CreateClient(connections: 16, timeout: TimeSpan.FromSeconds(60));

    /// <summary>A redis-server on a free loopback port, killed (by its PID) when disposed or if the run is interrupted.</summary>
    public static async Task<TrackedRedis> StartRedisAsync()
    {
        var server = await RedisServer.StartAsync();
        return new TrackedRedis(server, ChildProcesses.Track(server.Kill));
    }

    /// <summary>The API against the emulator (TMDB_MODE=live), with Redis when given, answered /health/simple before it returns.</summary>
    public async Task<ApiProcess> StartLiveApiAsync(string label, TmdbEmulator emulator, RedisServer? redis, bool resultCache)
    {
        var api = Start(label, LiveEnvironment(emulator, redis, resultCache));
        try
        {
            var healthy = await api.WaitHealthyAsync(Http, StartTimeout, CancellationToken);
            Console.WriteLine($"  API pid {api.Pid} at {api.BaseUrl} (live, {(redis is null ? "no Redis" : "Redis " + redis.Url)}, result cache {(resultCache ? "on" : "off")}) answered after {healthy.TotalMilliseconds:0} ms");
            return api;
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    /// <summary>The API against the emulator (no Redis, result cache on, as deployed); returned at once, before it answers.</summary>
    public ApiProcess StartLiveApiUnwaited(string label, TmdbEmulator emulator) =>
        Start(label, LiveEnvironment(emulator, redis: null, resultCache: true));

    /// <summary>The empty ASP.NET Core app of bench/EmptyApp (the cold-start floor); returned at once, before it answers.</summary>
    public ApiProcess StartEmptyApp(string label)
    {
        var number = Interlocked.Increment(ref _apiCount).ToString("00", CultureInfo.InvariantCulture);
        return ApiProcess.Start(Options.EmptyAppDll ?? throw new InvalidOperationException("--empty-app <published EmptyApp.dll> is required for this figure (bench/run.sh passes it)."),
            $"{number}-{label}-empty", new Dictionary<string, string>(), logDirectory);
    }

    private static Dictionary<string, string> LiveEnvironment(TmdbEmulator emulator, RedisServer? redis, bool resultCache)
    {
        var environment = new Dictionary<string, string>
        {
            ["TMDB_MODE"] = "live",
            ["TMDB_API_KEY"] = emulator.ApiKey,
            ["TMDB_BASE_URL"] = emulator.BaseUrl,
            ["Caching__ResultCache"] = resultCache ? "true" : "false",
        };
        if (redis is not null)
            environment["REDIS_URL"] = redis.Url;
        return environment;
    }

    /// <summary>The API on the bundled snapshot (TMDB_MODE=offline, no Redis); returned at once, before it answers.</summary>
    public ApiProcess StartOfflineApi(string label) =>
        Start(label, new Dictionary<string, string> { ["TMDB_MODE"] = "offline" });

    private ApiProcess Start(string label, Dictionary<string, string> environment)
    {
        foreach (var (key, value) in Options.ApiEnvironment)
            environment[key] = value;
        var number = Interlocked.Increment(ref _apiCount).ToString("00", CultureInfo.InvariantCulture);
        return ApiProcess.Start(Options.ApiDll, $"{number}-{label}", environment, logDirectory);
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>A <see cref="RedisServer"/> the bench started, with its kill registered in <see cref="ChildProcesses"/>.</summary>
public sealed class TrackedRedis(RedisServer server, long tracking) : IAsyncDisposable
{
    public RedisServer Server { get; } = server;

    public async Task FlushAllAsync()
    {
        var reply = await Server.CommandAsync("FLUSHALL");
        if (!reply.StartsWith("+OK", StringComparison.Ordinal))
            throw new InvalidOperationException($"redis FLUSHALL answered {reply.Trim()}.");
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        ChildProcesses.Untrack(tracking);
    }
}
