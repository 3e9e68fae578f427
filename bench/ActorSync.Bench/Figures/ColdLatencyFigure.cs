using System.Text.Json.Nodes;
using ActorSync.TestHosts;

namespace ActorSync.Bench.Figures;

/// <summary>
/// Figure 3, cold latency against the critical path: every TMDB call takes 100 ms; a two-actor comparison with movie details
/// needs 2 round trips in a row (the two people, then the shared movies' details in one concurrent batch), so 200 ms is the
/// floor. The figure is the median latency over 15 co-star pairs, each cold (no actor or shared movie of one pair belongs
/// to another, and the first pair only warms the process up), divided by that floor.
/// </summary>
/// <remarks>
/// To show where the time beyond the floor goes, each request is split by the emulator's arrival times: before the first
/// TMDB call, between a round trip's answers and the next round trip's calls, and after the last answer. The same pairs
/// are then measured again on a fresh API without Redis (memory cache only), as a diagnostic that is not the figure.
/// </remarks>
public static class ColdLatencyFigure
{
    private const string Name = "latency";
    private const int Pairs = 15;
    private const int CriticalPathRoundTrips = 2;
    private const double Target = 1.2;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);

    /// <summary>Measured after the figure, apart: more shared movies (11) than a data-loader batch keeps in flight (8).</summary>
    private static readonly int[] ManySharedMovies = [7399, 887];

    public static async Task RunAsync(Rig rig)
    {
        var command = rig.Options.CommandFor(Name);
        var snapshot = rig.Snapshot;
        var pairs = snapshot.DisjointCoStarPairs(Pairs + 1, ManySharedMovies, snapshot.SharedMovies(ManySharedMovies));
        var floor = CriticalPathRoundTrips * Latency.TotalMilliseconds;
        Console.WriteLine($"\n[3] Cold latency: {pairs.Count - 1} co-star pairs (top-billed pairs of the most popular movies), TMDB latency {Latency.TotalMilliseconds:0} ms, " +
                          $"critical path {CriticalPathRoundTrips} round trips = {floor:0} ms");

        await using var emulator = await TmdbEmulator.StartAsync(ct: rig.CancellationToken);
        emulator.Latency = Latency;
        Summary withRedis, withoutRedis;
        await using (var redis = await Rig.StartRedisAsync())
        {
            await redis.FlushAllAsync();
            await using var api = await rig.StartLiveApiAsync(Name, emulator, redis.Server, resultCache: true);
            withRedis = await MeasurePairsAsync(rig, api, emulator, pairs, withHeavyPair: true, redis);
        }
        Console.WriteLine("  diagnostic: the same pairs on a fresh API without Redis (memory cache only)");
        await using (var api = await rig.StartLiveApiAsync($"{Name}-no-redis", emulator, redis: null, resultCache: true))
            withoutRedis = await MeasurePairsAsync(rig, api, emulator, pairs, withHeavyPair: false, redis: null);

        var valid = withRedis.Failures == 0;
        rig.Report.Add(new FigureRow("3a. cold 2-actor comparison, median latency", Report.Ms(withRedis.Median), $"≤ {Report.Ms(floor * Target)}", valid && withRedis.Median <= floor * Target, command));
        rig.Report.Add(new FigureRow($"3b. cold latency / critical path ({CriticalPathRoundTrips} × {Latency.TotalMilliseconds:0} ms)", Report.Fixed(withRedis.Median / floor), $"≤ {Report.Fixed(Target)}", valid && withRedis.Median / floor <= Target, command));
        rig.Report.Add(new FigureRow("3c. same without Redis (diagnostic)", $"{Report.Ms(withoutRedis.Median)} = {Report.Fixed(withoutRedis.Median / floor)} × critical path", "-", null, command));
    }

    private sealed record Summary(double Median, int Failures);

    /// <summary>The request's time split by the emulator's arrivals (ms): before the first TMDB call, between round trips, after the last answer.</summary>
    private sealed record Sample(double Milliseconds, int Calls, int RoundTrips, int SharedMovies, double Before, double Between, double After, string? Problem)
    {
        public string Describe() => Problem ?? $"{Report.Ms(Milliseconds),9}  {SharedMovies,2} shared, {Calls,2} TMDB calls in {RoundTrips} round trips; " +
                                               $"before {Before,5:0.0}, between {Between,5:0.0}, after {After,5:0.0} ms";
    }

    private static async Task<Summary> MeasurePairsAsync(Rig rig, ApiProcess api, TmdbEmulator emulator, IReadOnlyList<CoStarPair> pairs, bool withHeavyPair, TrackedRedis? redis)
    {
        var samples = new List<Sample>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var sample = await MeasureAsync(rig, api, emulator, pairs[i].First, pairs[i].Second);
            var label = i == 0 ? "warm-up (not counted)" : $"pair {i,2}";
            Console.WriteLine($"  {label,-22} {pairs[i].Names,-42} {sample.Describe()}");
            if (i > 0)
                samples.Add(sample);
            else if (redis is not null)
                await redis.Server.CommandAsync("CONFIG", "RESETSTAT");
        }
        if (redis is not null)
            Console.WriteLine($"  Redis commands per measured request (INFO commandstats over the {samples.Count} pairs): {await RedisCommandsPerRequestAsync(redis, samples.Count)}");
        if (withHeavyPair)
        {
            var heavy = await MeasureAsync(rig, api, emulator, ManySharedMovies[0], ManySharedMovies[1]);
            Console.WriteLine($"  {"apart (not counted)",-22} {rig.Snapshot.NameOf(ManySharedMovies[0]) + " & " + rig.Snapshot.NameOf(ManySharedMovies[1]),-42} {heavy.Describe()}");
        }

        var good = samples.Where(s => s.Problem is null).ToArray();
        var median = Median(good.Select(s => s.Milliseconds));
        Console.WriteLine($"  median {Report.Ms(median)} over {good.Length} pairs (min {Report.Ms(good.Select(s => s.Milliseconds).DefaultIfEmpty(double.NaN).Min())}, " +
                          $"max {Report.Ms(good.Select(s => s.Milliseconds).DefaultIfEmpty(double.NaN).Max())}); round trips observed: max {good.Select(s => s.RoundTrips).DefaultIfEmpty(0).Max()}; " +
                          $"median split: before {Median(good.Select(s => s.Before)):0.0}, between {Median(good.Select(s => s.Between)):0.0}, after {Median(good.Select(s => s.After)):0.0} ms");
        foreach (var failure in samples.Where(s => s.Problem is not null))
            Console.WriteLine($"  error: {failure.Problem}");
        return new Summary(median, samples.Count - good.Length);
    }

    private static async Task<Sample> MeasureAsync(Rig rig, ApiProcess api, TmdbEmulator emulator, int first, int second)
    {
        emulator.ResetCounts();
        var sent = DateTimeOffset.UtcNow;
        var answer = await GraphQLHttp.PostAsync(rig.Http, api.BaseUrl, Queries.CompareWithDetails, Queries.Ids(first, second), rig.CancellationToken);
        var done = sent + answer.Elapsed;
        var calls = emulator.Calls;
        var shared = answer.Data?["compareActors"]?["sharedMovies"] is JsonArray movies ? movies.Count : 0;
        var problem = answer.Ok ? null : answer.Problem;
        if (problem is null && calls.Count != 2 + shared)
            problem = $"expected a cold request ({2 + shared} TMDB calls), saw {calls.Count}";

        var trips = EmulatorCalls.RoundTrips(calls, Latency);
        double before = double.NaN, between = 0, after = double.NaN;
        if (trips.Count > 0)
        {
            before = (trips[0][0].Timestamp - sent).TotalMilliseconds;
            for (var t = 1; t < trips.Count; t++)
                between += (trips[t][0].Timestamp - (trips[t - 1][^1].Timestamp + Latency)).TotalMilliseconds;
            after = (done - (trips[^1][^1].Timestamp + Latency)).TotalMilliseconds;
        }
        return new Sample(answer.Elapsed.TotalMilliseconds, calls.Count, trips.Count, shared, before, between, after, problem);
    }

    /// <summary>"get 6.0, set 3.0, …": each Redis command's calls since the last RESETSTAT, per request.</summary>
    private static async Task<string> RedisCommandsPerRequestAsync(TrackedRedis redis, int requests)
    {
        var stats = await redis.Server.CommandAsync("INFO", "commandstats");
        var perCommand = stats.Split('\n')
            .Where(line => line.StartsWith("cmdstat_", StringComparison.Ordinal))
            .Select(line => (Name: line["cmdstat_".Length..line.IndexOf(':', StringComparison.Ordinal)],
                             Calls: long.Parse(line.Split("calls=")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)))
            .Where(c => !c.Name.StartsWith("config", StringComparison.Ordinal) && !c.Name.StartsWith("info", StringComparison.Ordinal))
            .OrderByDescending(c => c.Calls)
            .Select(c => $"{c.Name} {(double)c.Calls / Math.Max(1, requests):0.#}");
        return string.Join(", ", perCommand);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
