using System.Globalization;
using System.Net;
using ActorSync.TestHosts;

namespace ActorSync.Bench.Figures;

/// <summary>
/// Figure 4, warm throughput against the machine's ceiling: one load generator, the same connections and duration, for
/// GET /health/simple (the cheapest thing the API serves: what the machine, Kestrel and the generator allow) and for a
/// warm two-actor comparison with the result cache off, then on (API restarted with the setting). The figures are the
/// comparison's requests/s as a share of health's.
/// Figure 6, parsing/validation: the document cache hit ratio during the comparison runs, from /health/complete's
/// counters before and after.
/// </summary>
public static class ThroughputFigure
{
    private const string Name = "throughput";
    private const int Connections = 32;

    /// <summary>Brad Pitt and Edward Norton, the README's example comparison.</summary>
    private static readonly int[] Pair = [287, 819];

    public static async Task RunAsync(Rig rig)
    {
        var command = rig.Options.CommandFor(Name);
        var (warmUp, duration) = (rig.Options.ThroughputWarmUp, rig.Options.ThroughputDuration);
        Console.WriteLine($"\n[4] Warm throughput: {Connections} connections, {duration.TotalSeconds:0} s each after {warmUp.TotalSeconds:0} s of warm-up, one generator (in-process, SocketsHttpHandler)");
        Console.WriteLine($"  load average before: {MachineInfo.LoadAverage()}");

        await using var emulator = await TmdbEmulator.StartAsync(ct: rig.CancellationToken);
        await using var redis = await Rig.StartRedisAsync();
        await redis.FlushAllAsync();

        LoadResult health, comparisonOff, comparisonOn;
        (long Hits, long Misses) docsOff, docsOn;
        await using (var api = await rig.StartLiveApiAsync($"{Name}-resultcache-off", emulator, redis.Server, resultCache: false))
        {
            health = await LoadGenerator.RunAsync("GET /health/simple", Connections, warmUp, duration,
                _ => new HttpRequestMessage(HttpMethod.Get, $"{api.BaseUrl}/health/simple"), IsHealthy, rig.CancellationToken);
            Console.WriteLine($"  {health.Describe()}");
            (comparisonOff, docsOff) = await RunComparisonAsync(rig, api, "POST comparison, result cache off", warmUp, duration);
        }
        await using (var api = await rig.StartLiveApiAsync($"{Name}-resultcache-on", emulator, redis.Server, resultCache: true))
            (comparisonOn, docsOn) = await RunComparisonAsync(rig, api, "POST comparison, result cache on", warmUp, duration);
        Console.WriteLine($"  load average after: {MachineInfo.LoadAverage()}");

        var failures = health.Failures + comparisonOff.Failures + comparisonOn.Failures;
        var off = comparisonOff.Rps / health.Rps;
        var on = comparisonOn.Rps / health.Rps;
        rig.Report.Add(new FigureRow("4a. GET /health/simple (ceiling)", Describe(health), "-", null, command));
        rig.Report.Add(new FigureRow("4b. warm comparison, result cache off", Describe(comparisonOff), "-", null, command));
        rig.Report.Add(new FigureRow("4c. warm comparison, result cache on", Describe(comparisonOn), "-", null, command));
        rig.Report.Add(new FigureRow("4d. comparison/health rps, result cache off", Report.Fixed(off), "≥ 0.25", failures == 0 && off >= 0.25, command));
        rig.Report.Add(new FigureRow("4e. comparison/health rps, result cache on", Report.Fixed(on), "≥ 0.60", failures == 0 && on >= 0.6, command));

        var hits = docsOff.Hits + docsOn.Hits;
        var misses = docsOff.Misses + docsOn.Misses;
        var ratio = hits + misses == 0 ? double.NaN : (double)hits / (hits + misses);
        Console.WriteLine($"\n[6] Document cache during the comparison runs: {hits} hits, {misses} misses (off: {docsOff.Hits}/{docsOff.Misses}, on: {docsOn.Hits}/{docsOn.Misses})");
        rig.Report.Add(new FigureRow("6. document cache hit ratio (throughput runs)", Report.Fixed(ratio, "0.0000") + $" ({hits} hits, {misses} misses)", "≥ 0.99", ratio >= 0.99, command));
    }

    /// <summary>Warms the entity cache with one request, then measures; the document cache counters are read around the run.</summary>
    private static async Task<(LoadResult, (long Hits, long Misses))> RunComparisonAsync(Rig rig, ApiProcess api, string name, TimeSpan warmUp, TimeSpan duration)
    {
        var first = await GraphQLHttp.PostAsync(rig.Http, api.BaseUrl, Queries.CompareWithDetails, Queries.Ids(Pair), rig.CancellationToken);
        if (!first.Ok)
            throw new InvalidOperationException($"The comparison failed before the run: {first.Problem}");
        var body = GraphQLHttp.Body(Queries.CompareWithDetails, Queries.Ids(Pair));
        var before = await GraphQLHttp.DocumentCacheAsync(rig.Http, api.BaseUrl, rig.CancellationToken);
        var result = await LoadGenerator.RunAsync(name, Connections, warmUp, duration,
            _ => GraphQLHttp.PostRequest(api.BaseUrl, body), IsGraphQLSuccess, rig.CancellationToken);
        var after = await GraphQLHttp.DocumentCacheAsync(rig.Http, api.BaseUrl, rig.CancellationToken);
        Console.WriteLine($"  {result.Describe()}");
        return (result, (after.Hits - before.Hits, after.Misses - before.Misses));
    }

    private static bool IsHealthy(HttpStatusCode status, byte[] body) => status == HttpStatusCode.OK;

    private static bool IsGraphQLSuccess(HttpStatusCode status, byte[] body) =>
        status == HttpStatusCode.OK && body.AsSpan().IndexOf("\"errors\""u8) < 0 && body.AsSpan().IndexOf("\"data\""u8) >= 0;

    private static string Describe(LoadResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Rps:0} req/s, p50 {r.P50Ms:0.0} ms, p99 {r.P99Ms:0.0} ms{(r.Failures > 0 ? $", {r.Failures} failed" : "")}");
}
