using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ActorSync.TestHosts;

namespace ActorSync.Bench.Figures;

/// <summary>
/// Figure 2, stampede: 200 identical comparisons with movie details sent at once to a cold API (fresh process, flushed
/// Redis) while TMDB takes 200 ms per call, so that they all overlap. TMDB calls per distinct resource: 1 means the
/// concurrent requests shared each call.
/// </summary>
public static class StampedeFigure
{
    private const string Name = "stampede";
    private const int Requests = 200;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(200);

    /// <summary>Ben Stiller and Owen Wilson: 11 shared movies, more than one data-loader batch keeps in flight (8).</summary>
    private static readonly int[] Pair = [7399, 887];

    public static async Task RunAsync(Rig rig)
    {
        var command = rig.Options.CommandFor(Name);
        Console.WriteLine($"\n[2] Stampede: {Requests} concurrent identical cold comparisons ({rig.Snapshot.NameOf(Pair[0])} & {rig.Snapshot.NameOf(Pair[1])}, " +
                          $"{rig.Snapshot.SharedMovies(Pair).Count} shared movies), TMDB latency {Latency.TotalMilliseconds:0} ms");
        await using var emulator = await TmdbEmulator.StartAsync(ct: rig.CancellationToken);
        await using var redis = await Rig.StartRedisAsync();
        await redis.FlushAllAsync();
        await using var api = await rig.StartLiveApiAsync(Name, emulator, redis.Server, resultCache: true);
        emulator.ResetCounts();
        emulator.Latency = Latency;

        using var http = GraphQLHttp.CreateClient(connections: Requests, timeout: TimeSpan.FromSeconds(60));
        var body = GraphQLHttp.Body(Queries.CompareWithDetails, Queries.Ids(Pair));
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, Requests).Select(async _ =>
        {
            await go.Task;
            var sent = Stopwatch.GetTimestamp();
            using var request = GraphQLHttp.PostRequest(api.BaseUrl, body);
            using var response = await http.SendAsync(request, rig.CancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(rig.CancellationToken);
            return (Status: (int)response.StatusCode, Bytes: bytes, Elapsed: Stopwatch.GetElapsedTime(sent));
        }).ToArray();
        var started = Stopwatch.GetTimestamp();
        go.SetResult();
        var answers = await Task.WhenAll(requests);
        var wall = Stopwatch.GetElapsedTime(started);

        var calls = emulator.Calls;
        var distinct = calls.Select(EmulatorCalls.Request).Distinct(StringComparer.Ordinal).Count();
        var maxPerResource = calls.GroupBy(EmulatorCalls.Request).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        var ok = answers.Count(a => a.Status == 200 && a.Bytes.AsSpan().IndexOf("\"errors\""u8) < 0);
        var bodies = answers.Select(a => Convert.ToHexString(SHA256.HashData(a.Bytes))).Distinct().Count();
        var ratio = distinct == 0 ? double.NaN : (double)calls.Count / distinct;
        var latencies = answers.Select(a => (int)a.Elapsed.TotalMicroseconds).Order().ToArray();
        Console.WriteLine($"  {Requests} requests in {Report.Ms(wall.TotalMilliseconds)} (each: p50 {Report.Ms(LoadGenerator.Percentile(latencies, 0.5))}, max {Report.Ms(latencies[^1] / 1000.0)}): " +
                          $"{ok} answered without errors, {bodies} distinct bod{(bodies == 1 ? "y" : "ies")}");
        Console.WriteLine($"  {calls.Count} TMDB calls for {distinct} distinct requests (at most {maxPerResource} for one); repeated: {EmulatorCalls.Duplicates(calls)}");
        if (ok < Requests)
        {
            var failed = answers.First(a => a.Status != 200 || a.Bytes.AsSpan().IndexOf("\"errors\""u8) >= 0);
            Console.WriteLine($"  first failure: HTTP {failed.Status} {Encoding.UTF8.GetString(failed.Bytes, 0, Math.Min(300, failed.Bytes.Length))}");
        }

        rig.Report.Add(new FigureRow(
            $"2. stampede: TMDB calls / distinct resource ({Requests} concurrent)",
            $"{Report.Fixed(ratio)} ({calls.Count} calls / {distinct}; {ok}/{Requests} ok)",
            "1.00",
            ok == Requests && calls.Count == distinct,
            command));
    }
}
