using System.Diagnostics;
using System.Net;

namespace ActorSync.Bench.Figures;

/// <summary>
/// Figure 5, memory: the API on the bundled snapshot (TMDB_MODE=offline, no Redis), as on a 512 MB instance. Time from
/// process start to the first 200 of /health/simple, and until the snapshot answers (the first successful actor query);
/// then mixed load (random actors, movies, comparisons and searches over the snapshot's ids) while VmRSS is sampled from
/// /proc every 250 ms. Reported: the peak sampled RSS under load, and VmHWM (the process peak, loading included).
/// </summary>
public static class MemoryFigure
{
    private const string Name = "memory";
    private const int Connections = 8;
    private const long TargetBytes = 256L * 1024 * 1024;
    private const string LoadedLogLine = "Offline TMDB snapshot loaded";
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(250);

    public static async Task RunAsync(Rig rig)
    {
        var command = rig.Options.CommandFor(Name);
        var duration = rig.Options.MemoryLoadDuration;
        Console.WriteLine($"\n[5] Memory: offline API (no Redis), start-up, then {duration.TotalSeconds:0} s of mixed load over {Connections} connections, VmRSS every {SampleEvery.TotalMilliseconds:0} ms");

        await using var api = rig.StartOfflineApi(Name);
        Console.WriteLine($"  API pid {api.Pid} at {api.BaseUrl} (offline, no Redis)");
        var loadedLog = api.WatchLogAsync(LoadedLogLine);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(rig.CancellationToken);
        var samples = new List<(TimeSpan At, long Rss)>();
        var sampler = SampleAsync(api, samples, stopSampling.Token);
        try
        {
            var healthy = await api.WaitHealthyAsync(rig.Http, TimeSpan.FromSeconds(60), rig.CancellationToken);
            var answering = await WaitForActorAsync(rig, api);
            var loaded = await Task.WhenAny(loadedLog, Task.Delay(TimeSpan.FromSeconds(60), rig.CancellationToken)) == loadedLog
                ? loadedLog.Result
                : (TimeSpan?)null;
            var afterLoad = api.ReadMemory();
            Console.WriteLine($"  first 200 of /health/simple after {Report.Ms(healthy.TotalMilliseconds)}; first actor answer after {Report.Ms(answering.TotalMilliseconds)}; " +
                              $"'{LoadedLogLine}' (after the post-load GC) at {(loaded is { } l ? Report.Ms(l.TotalMilliseconds) : "never")}; " +
                              $"then RSS {(afterLoad is { } m ? Report.Mb(m.Rss) : "?")}, VmHWM {(afterLoad is { } h ? Report.Mb(h.Hwm) : "?")} (the loading peak)");

            var loadStart = Stopwatch.GetElapsedTime(api.StartedAt);
            var load = await LoadGenerator.RunAsync("mixed offline load", Connections, TimeSpan.Zero, duration,
                random => GraphQLHttp.PostRequest(api.BaseUrl, RandomQuery(rig.Snapshot, random)), IsGraphQLAnswer, rig.CancellationToken);
            var memory = api.ReadMemory() ?? throw new InvalidOperationException($"The API exited during the load; see {api.LogPath}.");
            await stopSampling.CancelAsync();
            await sampler;

            List<(TimeSpan At, long Rss)> underLoad;
            lock (samples)
                underLoad = samples.Where(s => s.At >= loadStart).ToList();
            var peak = underLoad.Count == 0 ? memory.Rss : underLoad.Max(s => s.Rss);
            Console.WriteLine($"  {load.Describe()}");
            Console.WriteLine($"  RSS under load: peak {Report.Mb(peak)} over {underLoad.Count} samples, at the end {Report.Mb(memory.Rss)}; VmHWM {Report.Mb(memory.Hwm)}");

            rig.Report.Add(new FigureRow("5a. start → first 200 of /health/simple", Report.Ms(healthy.TotalMilliseconds), "< 2000 ms", healthy < TimeSpan.FromSeconds(2), command));
            rig.Report.Add(new FigureRow("5b. start → snapshot loaded (first actor answer)", Report.Ms(answering.TotalMilliseconds), "-", null, command));
            rig.Report.Add(new FigureRow($"5c. peak RSS under mixed load ({duration.TotalSeconds:0} s)", Report.Mb(peak), "< 256 MB", peak < TargetBytes, command));
            rig.Report.Add(new FigureRow("5d. VmHWM (process peak, loading included)", Report.Mb(memory.Hwm), "< 256 MB", memory.Hwm < TargetBytes, command));
        }
        finally
        {
            await stopSampling.CancelAsync();
            await sampler;
        }
    }

    /// <summary>Samples VmRSS until cancelled or the process is gone; bounded to one sample per period for at most an hour.</summary>
    private static async Task SampleAsync(ApiProcess api, List<(TimeSpan At, long Rss)> samples, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SampleEvery);
        for (var i = 0; i < 14_400; i++)
        {
            if (api.ReadMemory() is { } memory)
            {
                lock (samples)
                    samples.Add((Stopwatch.GetElapsedTime(api.StartedAt), memory.Rss));
            }
            try
            {
                if (!await timer.WaitForNextTickAsync(cancellationToken))
                    return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Asks for an actor until the answer has data; returns the time since the process started.</summary>
    internal static async Task<TimeSpan> WaitForActorAsync(Rig rig, ApiProcess api)
    {
        var deadline = Stopwatch.GetTimestamp() + 120 * Stopwatch.Frequency;
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var answer = await GraphQLHttp.PostAsync(rig.Http, api.BaseUrl, Queries.ActorName, Queries.Id(287), rig.CancellationToken);
            if (answer.Ok && answer.Data?["actor"]?["name"] is not null)
                return Stopwatch.GetElapsedTime(api.StartedAt);
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"The offline API did not answer an actor query within 120 s: {answer.Problem}");
            await Task.Delay(20, rig.CancellationToken);
        }
        throw new TimeoutException("The offline API never answered an actor query.");
    }

    /// <summary>A random query over the snapshot's ids: actors, movies, comparisons (actors and movies) and searches.</summary>
    private static byte[] RandomQuery(SnapshotData snapshot, Random random)
    {
        var movies = snapshot.Movies;
        var roll = random.Next(100);
        switch (roll)
        {
            case < 25:
                return GraphQLHttp.Body(Queries.ActorWithCareer, Queries.Id(snapshot.Actors[random.Next(snapshot.Actors.Count)]));
            case < 45:
                return GraphQLHttp.Body(Queries.MovieWithCast, Queries.Id(movies[random.Next(movies.Count)].Id));
            case < 65:
            {
                if (snapshot.RandomCoStars(random) is not { } pair)
                    goto default;
                return GraphQLHttp.Body(Queries.CompareWithDetails, Queries.Ids(pair));
            }
            case < 75:
            {
                var actor = snapshot.Actors[random.Next(snapshot.Actors.Count)];
                var theirs = snapshot.MoviesOf(actor);
                if (theirs.Count < 2)
                    goto default;
                var two = theirs.OrderBy(_ => random.Next()).Take(2).ToArray();
                return GraphQLHttp.Body(Queries.CompareMovies, Queries.Ids(two));
            }
            default:
            {
                var actors = random.Next(2) == 0;
                var text = actors
                    ? snapshot.NameOf(snapshot.Actors[random.Next(snapshot.Actors.Count)])
                    : movies[random.Next(movies.Count)].Title;
                var word = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => w.Length >= 2) ?? "the";
                var prefix = word[..Math.Min(word.Length, 2 + random.Next(4))];
                // Now and then the second page, as a client paging through results would ask for it.
                var after = random.Next(4) == 0 ? Cursor(9) : null;
                return GraphQLHttp.Body(actors ? Queries.SearchActors : Queries.SearchMovies, Queries.Search(prefix, 10, after));
            }
        }
    }

    /// <summary>A search cursor as the API issues them: base64url of "cursor:&lt;position&gt;".</summary>
    private static string Cursor(int position) =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes($"cursor:{position}"));

    private static bool IsGraphQLAnswer(HttpStatusCode status, byte[] body) =>
        status == HttpStatusCode.OK && body.AsSpan().IndexOf("\"errors\""u8) < 0;
}
