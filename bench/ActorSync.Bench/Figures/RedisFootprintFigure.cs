using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.TestHosts;
using StackExchange.Redis;

namespace ActorSync.Bench.Figures;

/// <summary>
/// Figure 10, Redis footprint: what the cache's entries cost in Redis, against Render's free Key Value (25 MB, least
/// recently used keys evicted). A fixed live mix through the emulator (150 two-actor comparisons with movie details on
/// co-star pairs of random movies, 50 searches of actors' and movies' names, the same seed every run) on a fresh API with
/// a fresh redis-server and the result cache on (the default); then Redis's <c>used_memory</c> minus what the same server
/// used empty, the keys, the bytes per key, and how many entries 25 MB would hold at that rate.
/// </summary>
/// <remarks>
/// Each key's own size (<c>MEMORY USAGE</c>, the value and Redis's overhead for it) is also shown by kind (person,
/// movie, search, result), with the median and the largest, so a change in one kind is visible.
/// </remarks>
public static class RedisFootprintFigure
{
    private const string Name = "redis-footprint";
    private const int Comparisons = 150;
    private const int Searches = 50;
    private const int Seed = 17;
    private const long FreeTierBytes = 25L * 1024 * 1024;
    private const double TargetBytesPerKey = 2.5 * 1024;

    public static async Task RunAsync(Rig rig)
    {
        var command = rig.Options.CommandFor(Name);
        Console.WriteLine($"\n[10] Redis footprint: {Comparisons} comparisons and {Searches} searches (live, emulator, result cache on), Redis used_memory against 25 MB");
        await using var emulator = await TmdbEmulator.StartAsync(ct: rig.CancellationToken);
        await using var redis = await Rig.StartRedisAsync();
        await redis.FlushAllAsync();
        using var inspector = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Server.Port},allowAdmin=true");
        var server = inspector.GetServer("127.0.0.1", redis.Server.Port);
        var empty = await UsedMemoryAsync(server);

        int answered, failed;
        await using (var api = await rig.StartLiveApiAsync(Name, emulator, redis.Server, resultCache: true))
            (answered, failed) = await RunMixAsync(rig, api);
        // The API is gone: its connections' buffers no longer count, only what it stored.
        await Task.Delay(500, rig.CancellationToken);

        var used = await UsedMemoryAsync(server) - empty;
        var sizes = new List<(string Kind, long Bytes)>();
        await foreach (var key in server.KeysAsync(pattern: "*", pageSize: 500))
        {
            var usage = await inspector.GetDatabase().ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");
            sizes.Add((KindOf(key.ToString()), usage.IsNull ? 0 : (long)usage));
        }
        var keys = sizes.Count;
        var perKey = keys == 0 ? double.NaN : (double)used / keys;
        var fits = keys == 0 ? 0 : (long)(FreeTierBytes / perKey);
        Console.WriteLine($"  {answered} answered, {failed} failed; {TmdbCalls(emulator)} TMDB calls");
        Console.WriteLine($"  used_memory {Report.Mb(used)} above the empty server's ({Report.Mb(empty)}), {keys} keys, {perKey.ToString("0", CultureInfo.InvariantCulture)} B a key");
        foreach (var kind in sizes.GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = kind.Select(s => s.Bytes).Order().ToArray();
            Console.WriteLine($"  {kind.Key,-7} {ordered.Length,4} keys, MEMORY USAGE mean {ordered.Average():0} B, median {ordered[ordered.Length / 2]} B, largest {ordered[^1]} B");
        }
        if (keys > 0)
        {
            var all = sizes.Select(s => s.Bytes).Order().ToArray();
            Console.WriteLine($"  all     {all.Length,4} keys, MEMORY USAGE mean {all.Average():0} B, median {all[all.Length / 2]} B, largest {all[^1]} B");
        }

        var valid = failed == 0 && keys > 0;
        rig.Report.Add(new FigureRow("10a. Redis bytes per key (used_memory − empty) / keys", $"{(perKey / 1024).ToString("0.00", CultureInfo.InvariantCulture)} KB ({Report.Mb(used)} / {keys} keys)",
            $"≤ {(TargetBytesPerKey / 1024).ToString("0.0", CultureInfo.InvariantCulture)} KB", valid && perKey <= TargetBytesPerKey, command));
        rig.Report.Add(new FigureRow("10b. entries 25 MB would hold at that rate", fits.ToString(CultureInfo.InvariantCulture), "-", null, command));
    }

    /// <summary>The mix: the same requests in the same order every run (a seeded random over the snapshot).</summary>
    private static async Task<(int Answered, int Failed)> RunMixAsync(Rig rig, ApiProcess api)
    {
        var random = new Random(Seed);
        var snapshot = rig.Snapshot;
        var requests = new List<(string Query, JsonObject Variables)>();
        while (requests.Count < Comparisons)
        {
            if (snapshot.RandomCoStars(random) is { } pair)
                requests.Add((Queries.CompareWithDetails, Queries.Ids(pair)));
        }
        for (var i = 0; i < Searches; i++)
        {
            var movie = snapshot.Movies[random.Next(snapshot.Movies.Count)];
            if (i % 2 == 0 && movie.Cast.Count > 0)
            {
                // An actor's last name, as a user would type it.
                var name = snapshot.NameOf(movie.Cast[random.Next(movie.Cast.Count)]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                requests.Add((Queries.SearchActors, Queries.Search(name.Length == 0 ? "tom" : name[^1], 10)));
            }
            else
            {
                var words = movie.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                requests.Add((Queries.SearchMovies, Queries.Search(words.Length == 0 ? "star" : words[0], 10)));
            }
        }

        int answered = 0, failed = 0;
        foreach (var (query, variables) in requests)
        {
            var answer = await GraphQLHttp.PostAsync(rig.Http, api.BaseUrl, query, variables, rig.CancellationToken);
            if (answer.Ok)
                answered++;
            else
            {
                failed++;
                Console.WriteLine($"  error: {answer.Problem}");
            }
        }
        return (answered, failed);
    }

    private static async Task<long> UsedMemoryAsync(IServer server)
    {
        var info = await server.InfoAsync("memory");
        var value = info.SelectMany(g => g).First(p => p.Key == "used_memory").Value;
        return long.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// "v2:actorsync:v1:person:287" → "person" (FusionCache prefixes its own wire format's version; the rest is
    /// TmdbCache's or ResultCache's key); anything else by its first part.
    /// </summary>
    private static string KindOf(string key)
    {
        var parts = key.Split(':');
        var app = Array.IndexOf(parts, "actorsync");
        return app >= 0 && parts.Length > app + 2 ? parts[app + 2] : parts[0];
    }

    private static int TmdbCalls(TmdbEmulator emulator) => emulator.TotalCalls;
}
