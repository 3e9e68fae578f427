using System.Globalization;
using System.Net;
using ActorSync.TestHosts;

namespace ActorSync.Bench.Figures;

/// <summary>
/// Figure 4, warm throughput against the machine's ceiling: one load generator, the same connections and duration, for
/// GET /health/simple (the cheapest thing the API serves: what the machine, Kestrel and the generator allow) and for a
/// warm two-actor comparison with the result cache off, then on (a second API with that setting). The figures are the
/// comparison's requests/s as a share of health's.
/// Figure 6, parsing/validation: the document cache hit ratio during the comparison runs, from /health/complete's
/// counters before and after. The machine is shared and its load moves, so the three runs are repeated in rounds
/// (each round's ratios come from runs a few seconds apart) and the medians are the figures.
/// </summary>
public static class ThroughputFigure
{
    private const string Name = "throughput";
    private const int Connections = 32;

    /// <summary>Brad Pitt and Edward Norton, the example comparison of docs/api.md.</summary>
    private static readonly int[] Pair = [287, 819];

    public static async Task RunAsync(Rig rig)
    {
        var command = rig.Options.CommandFor(Name);
        var (warmUp, duration, rounds) = (rig.Options.ThroughputWarmUp, rig.Options.ThroughputDuration, rig.Options.ThroughputRounds);
        Console.WriteLine($"\n[4] Warm throughput: {Connections} connections, {duration.TotalSeconds:0} s each after {warmUp.TotalSeconds:0} s of warm-up, one generator (in-process, SocketsHttpHandler); {rounds} round(s) of health, comparison without and with the result cache, one after the other; ratios per round, medians reported");
        Console.WriteLine($"  load average before: {MachineInfo.LoadAverage()}");

        await using var emulator = await TmdbEmulator.StartAsync(ct: rig.CancellationToken);
        await using var redis = await Rig.StartRedisAsync();
        await redis.FlushAllAsync();

        // Both APIs run for the whole figure, so that each round measures the three runs within a minute of each other
        // on a shared machine whose load changes.
        await using var apiOff = await rig.StartLiveApiAsync($"{Name}-resultcache-off", emulator, redis.Server, resultCache: false);
        await using var apiOn = await rig.StartLiveApiAsync($"{Name}-resultcache-on", emulator, redis.Server, resultCache: true);
        await WarmAsync(rig, apiOff);
        await WarmAsync(rig, apiOn);
        // "Warm" includes the JIT: tiered compilation recompiles the hot paths during the first seconds of load, which a
        // short warm-up before the first measured run did not cover (round 1 came out lower than the others).
        var jitWarmUp = rig.Options.Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(5);
        await LoadGenerator.RunAsync("JIT warm-up", Connections, jitWarmUp, TimeSpan.Zero,
            _ => new HttpRequestMessage(HttpMethod.Get, $"{apiOff.BaseUrl}/health/simple"), IsHealthy, rig.CancellationToken);
        await RunComparisonAsync(rig, apiOff, "JIT warm-up", jitWarmUp, TimeSpan.Zero);
        await RunComparisonAsync(rig, apiOn, "JIT warm-up", jitWarmUp, TimeSpan.Zero);
        Console.WriteLine($"  JIT warm-up: {jitWarmUp.TotalSeconds:0} s of each load on its API, not counted");
        var docsBefore = (Off: await GraphQLHttp.DocumentCacheAsync(rig.Http, apiOff.BaseUrl, rig.CancellationToken), On: await GraphQLHttp.DocumentCacheAsync(rig.Http, apiOn.BaseUrl, rig.CancellationToken));

        var measured = new List<(LoadResult Health, LoadResult Off, LoadResult On)>();
        for (var round = 1; round <= rounds; round++)
        {
            var (health, healthCost) = await CostedAsync(rig, apiOff, () => LoadGenerator.RunAsync("GET /health/simple", Connections, warmUp, duration,
                _ => new HttpRequestMessage(HttpMethod.Get, $"{apiOff.BaseUrl}/health/simple"), IsHealthy, rig.CancellationToken));
            var (off, offCost) = await CostedAsync(rig, apiOff, () => RunComparisonAsync(rig, apiOff, "POST comparison, result cache off", warmUp, duration));
            var (on, onCost) = await CostedAsync(rig, apiOn, () => RunComparisonAsync(rig, apiOn, "POST comparison, result cache on", warmUp, duration));
            Console.WriteLine($"  round {round}: load average {MachineInfo.LoadAverage()}");
            foreach (var (run, cost) in new[] { (health, healthCost), (off, offCost), (on, onCost) })
                Console.WriteLine($"    {run.Describe()}\n      {cost}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ratios: result cache off {off.Rps / health.Rps:0.000}, on {on.Rps / health.Rps:0.000}"));
            measured.Add((health, off, on));
        }
        var docsAfter = (Off: await GraphQLHttp.DocumentCacheAsync(rig.Http, apiOff.BaseUrl, rig.CancellationToken), On: await GraphQLHttp.DocumentCacheAsync(rig.Http, apiOn.BaseUrl, rig.CancellationToken));
        Console.WriteLine($"  load average after: {MachineInfo.LoadAverage()}");

        var failures = measured.Sum(m => m.Health.Failures + m.Off.Failures + m.On.Failures);
        var offRatio = Median(measured.Select(m => m.Off.Rps / m.Health.Rps));
        var onRatio = Median(measured.Select(m => m.On.Rps / m.Health.Rps));
        var perRound = rounds > 1 ? $" (median of {rounds} rounds: {string.Join(", ", measured.Select(m => Report.Fixed(m.Off.Rps / m.Health.Rps)))})" : "";
        var perRoundOn = rounds > 1 ? $" (median of {rounds} rounds: {string.Join(", ", measured.Select(m => Report.Fixed(m.On.Rps / m.Health.Rps)))})" : "";
        rig.Report.Add(new FigureRow("4a. GET /health/simple (ceiling)", Describe(measured.Select(m => m.Health)), "-", null, command));
        rig.Report.Add(new FigureRow("4b. warm comparison, result cache off", Describe(measured.Select(m => m.Off)), "-", null, command));
        rig.Report.Add(new FigureRow("4c. warm comparison, result cache on", Describe(measured.Select(m => m.On)), "-", null, command));
        rig.Report.Add(new FigureRow("4d. comparison/health rps, result cache off", Report.Fixed(offRatio) + perRound, "≥ 0.25", failures == 0 && offRatio >= 0.25, command));
        rig.Report.Add(new FigureRow("4e. comparison/health rps, result cache on", Report.Fixed(onRatio) + perRoundOn, "≥ 0.60", failures == 0 && onRatio >= 0.6, command));

        var hits = docsAfter.Off.Hits - docsBefore.Off.Hits + docsAfter.On.Hits - docsBefore.On.Hits;
        var misses = docsAfter.Off.Misses - docsBefore.Off.Misses + docsAfter.On.Misses - docsBefore.On.Misses;
        var ratio = hits + misses == 0 ? double.NaN : (double)hits / (hits + misses);
        Console.WriteLine($"\n[6] Document cache during the comparison runs: {hits} hits, {misses} misses");
        rig.Report.Add(new FigureRow("6. document cache hit ratio (throughput runs)", Report.Fixed(ratio, "0.0000") + $" ({hits} hits, {misses} misses)", "≥ 0.99", ratio >= 0.99, command));
    }

    /// <summary>A run with what it cost the API per request (its process totals read before and after).</summary>
    private static async Task<(LoadResult Result, string Cost)> CostedAsync(Rig rig, ApiProcess api, Func<Task<LoadResult>> run)
    {
        var before = await GraphQLHttp.ProcessTotalsAsync(rig.Http, api.BaseUrl, rig.CancellationToken);
        var result = await run();
        var after = await GraphQLHttp.ProcessTotalsAsync(rig.Http, api.BaseUrl, rig.CancellationToken);
        return (result, ProcessTotals.PerRequest(before, after, result.Sent));
    }

    /// <summary>One comparison first, so the entity cache is warm (and, with the result cache, the answer stored) before any run.</summary>
    private static async Task WarmAsync(Rig rig, ApiProcess api)
    {
        var first = await GraphQLHttp.PostAsync(rig.Http, api.BaseUrl, Queries.CompareWithDetails, Queries.Ids(Pair), rig.CancellationToken);
        if (!first.Ok)
            throw new InvalidOperationException($"The comparison failed before the run: {first.Problem}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static Task<LoadResult> RunComparisonAsync(Rig rig, ApiProcess api, string name, TimeSpan warmUp, TimeSpan duration)
    {
        var body = GraphQLHttp.Body(Queries.CompareWithDetails, Queries.Ids(Pair));
        return LoadGenerator.RunAsync(name, Connections, warmUp, duration, _ => GraphQLHttp.PostRequest(api.BaseUrl, body), IsGraphQLSuccess, rig.CancellationToken);
    }

    private static bool IsHealthy(HttpStatusCode status, byte[] body) => status == HttpStatusCode.OK;

    private static bool IsGraphQLSuccess(HttpStatusCode status, byte[] body) =>
        status == HttpStatusCode.OK && body.AsSpan().IndexOf("\"errors\""u8) < 0 && body.AsSpan().IndexOf("\"data\""u8) >= 0;

    /// <summary>The median round's figures (by requests/s), and failures over all rounds.</summary>
    private static string Describe(IEnumerable<LoadResult> runs)
    {
        var sorted = runs.OrderBy(r => r.Rps).ToArray();
        var r = sorted[sorted.Length / 2];
        var failures = sorted.Sum(x => x.Failures);
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.Rps:0} req/s, p50 {r.P50Ms:0.0} ms, p99 {r.P99Ms:0.0} ms{(sorted.Length > 1 ? " (median round)" : "")}{(failures > 0 ? $", {failures} failed" : "")}");
    }
}
