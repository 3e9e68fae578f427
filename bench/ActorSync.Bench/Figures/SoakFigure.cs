using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ActorSync.TestHosts;

namespace ActorSync.Bench.Figures;

/// <summary>
/// Figure 8, soak: the live API (through the TMDB emulator with 60 ms of latency, Redis, result cache on) under 8 clients
/// sending a realistic mix with many distinct variables, while TMDB fails, slows down and rate-limits for a while each and
/// Redis restarts, on a compressed schedule. Reported: answers with a 5xx (target 0), how long errors went on after each
/// TMDB fault ended (target: within 10 s), peak RSS (target &lt; 256 MB), the API's log bytes per request (target about
/// 1 KB at most), and, on a cold cache before the load, the TMDB calls of one actor's top co-stars (Margot Robbie's,
/// target at most 20).
/// </summary>
public static class SoakFigure
{
    private const string Name = "soak";
    private const int Clients = 8;
    private const int MargotRobbie = 234352;
    private const long TargetRss = 256L * 1024 * 1024;
    private static readonly TimeSpan BaseLatency = TimeSpan.FromMilliseconds(60);
    private static readonly TimeSpan SlowLatency = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RecoveryTarget = TimeSpan.FromSeconds(10);

    private const string CoStars = """
        query CoStars($id: Int!, $first: Int) {
          actor(tmdbId: $id) { name collaborators(first: $first) { count actor { tmdbId name } movies { title } } }
        }
        """;

    /// <summary>One TMDB fault of the schedule: what, from when, until when (seconds into the load).</summary>
    private sealed record Fault(string Kind, double From, double To);

    private sealed record Answer(double SentAt, double DoneAt, int Status, bool HasErrors, string? FirstCode);

    public static async Task RunAsync(Rig rig)
    {
        var command = rig.Options.CommandFor(Name);
        var total = rig.Options.Quick ? TimeSpan.FromSeconds(60) : TimeSpan.FromMinutes(4);
        var scale = total.TotalSeconds / 240;
        // The schedule for 4 minutes (scaled for --quick): a calm start fills the caches, then each fault for 25 s with
        // calm between them, Redis restarted every 50 s, and a calm end to see the service settle.
        Fault[] faults =
        [
            new("failing (503)", 30 * scale, 55 * scale),
            new("slow (5 s a call)", 85 * scale, 110 * scale),
            new("rate-limiting (429, Retry-After 10)", 140 * scale, 165 * scale),
        ];
        double[] redisRestarts = [50 * scale, 100 * scale, 150 * scale, 200 * scale];
        Console.WriteLine($"\n[8] Soak: live API through the TMDB emulator ({BaseLatency.TotalMilliseconds:0} ms a call), Redis, result cache on, {Clients} clients for {total.TotalSeconds:0} s; " +
                          string.Join("; ", faults.Select(f => $"TMDB {f.Kind} at {f.From:0}–{f.To:0} s")) + $"; Redis restarted at {string.Join(", ", redisRestarts.Select(s => s.ToString("0", CultureInfo.InvariantCulture)))} s");

        await using var emulator = await TmdbEmulator.StartAsync(ct: rig.CancellationToken);
        await using var redis = await Rig.StartRedisAsync();
        await using var api = await rig.StartLiveApiAsync(Name, emulator, redis.Server, resultCache: true);
        emulator.Latency = BaseLatency;

        // One actor's top co-stars on a cold cache: what a single request may take of the TMDB quota.
        emulator.ResetCounts();
        var coStars = await GraphQLHttp.PostAsync(rig.Http, api.BaseUrl, CoStars, new JsonObject { ["id"] = MargotRobbie, ["first"] = 5 }, rig.CancellationToken);
        var coStarCalls = emulator.TotalCalls;
        Console.WriteLine($"  Margot Robbie's top 5 co-stars (cold): {coStarCalls} TMDB calls ({(coStars.Ok ? "answered" : coStars.Problem)})");

        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(rig.CancellationToken);
        long peakRss = 0;
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            try
            {
                while (await timer.WaitForNextTickAsync(stopSampling.Token))
                {
                    if (api.ReadMemory() is { } memory)
                        peakRss = Math.Max(peakRss, memory.Rss);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var logBefore = api.OutputBytes;
        var answers = new ConcurrentBag<Answer>();
        var started = Stopwatch.GetTimestamp();
        double Now() => Stopwatch.GetElapsedTime(started).TotalSeconds;
        var conductor = ConductAsync(emulator, redis, faults, redisRestarts, Now, rig.CancellationToken);
        using var http = GraphQLHttp.CreateClient(Clients, TimeSpan.FromSeconds(30));
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(7000 + client);
            for (var i = 0; i < 1_000_000 && Now() < total.TotalSeconds && !rig.CancellationToken.IsCancellationRequested; i++)
            {
                var sentAt = Now();
                (int status, bool errors, string? code) = await SendAsync(http, api.BaseUrl, RandomRequest(rig.Snapshot, random), rig.CancellationToken);
                answers.Add(new Answer(sentAt, Now(), status, errors, code));
            }
        })).ToArray();
        await Task.WhenAll(clients);
        await conductor;
        await stopSampling.CancelAsync();
        await sampler;
        var logBytes = api.OutputBytes - logBefore;
        var all = answers.OrderBy(a => a.SentAt).ToArray();
        if (api.ReadMemory() is { } end)
            peakRss = Math.Max(peakRss, end.Hwm);

        var fiveXx = all.Count(a => a.Status >= 500);
        var transport = all.Count(a => a.Status == 0);
        var withErrors = all.Count(a => a.HasErrors);
        Console.WriteLine($"  {all.Length} requests: {all.Count(a => a.Status == 200 && !a.HasErrors)} answered without errors, {withErrors} with errors " +
                          $"({string.Join(", ", all.Where(a => a.FirstCode is not null).GroupBy(a => a.FirstCode).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}), " +
                          $"{fiveXx} with a 5xx, {transport} without an answer");
        var recoveries = new List<double>();
        foreach (var fault in faults)
        {
            var during = all.Where(a => a.SentAt >= fault.From && a.SentAt < fault.To).ToArray();
            var lastError = all.Where(a => a.SentAt >= fault.To && (a.HasErrors || a.Status != 200)).Select(a => a.DoneAt).DefaultIfEmpty(fault.To).Max();
            // Errors that belong to the fault: the last one answered before the next calm stretch of 5 s without any.
            var recovery = RecoveryAfter(all, fault.To);
            recoveries.Add(recovery);
            Console.WriteLine($"  TMDB {fault.Kind}: {during.Length} requests sent during it, {during.Count(a => a.HasErrors)} with errors; " +
                              $"errors ended {recovery:0.0} s after TMDB recovered (last error of the run after it at +{lastError - fault.To:0.0} s)");
        }
        var requests = Math.Max(1, all.Length);
        Console.WriteLine($"  peak RSS {Report.Mb(peakRss)}; API log {logBytes / 1024.0:0} KiB, {logBytes / (double)requests:0} bytes a request");

        rig.Report.Add(new FigureRow("8a. soak: answers with a 5xx", fiveXx.ToString(CultureInfo.InvariantCulture), "0", fiveXx == 0, command));
        rig.Report.Add(new FigureRow("8b. soak: errors after TMDB recovered (worst fault)", $"{recoveries.Max():0.0} s", "<= 10 s", recoveries.Max() <= RecoveryTarget.TotalSeconds, command));
        rig.Report.Add(new FigureRow("8c. soak: peak RSS (live, Redis)", Report.Mb(peakRss), "< 256 MB", peakRss < TargetRss, command));
        rig.Report.Add(new FigureRow("8d. soak: log bytes per request", $"{logBytes / (double)requests:0} B", "<= 1024 B", logBytes / (double)requests <= 1024, command));
        rig.Report.Add(new FigureRow("8e. one actor's top 5 co-stars, cold: TMDB calls", coStarCalls.ToString(CultureInfo.InvariantCulture), "<= 20", coStars.Ok && coStarCalls <= 20, command));
    }

    /// <summary>
    /// Seconds from <paramref name="recoveredAt"/> to the end of the last failed answer before the first 5 s stretch in which
    /// every request sent succeeded (0 when none failed after it).
    /// </summary>
    private static double RecoveryAfter(Answer[] all, double recoveredAt)
    {
        var after = all.Where(a => a.SentAt >= recoveredAt).ToArray();
        var lastFailure = recoveredAt;
        foreach (var answer in after)
        {
            if (answer.SentAt - lastFailure > 5)
                break;
            if (answer.HasErrors || answer.Status != 200)
                lastFailure = Math.Max(lastFailure, answer.DoneAt);
        }
        return lastFailure - recoveredAt;
    }

    /// <summary>Applies the schedule: each fault starts and heals on time; Redis restarts on time.</summary>
    private static async Task ConductAsync(TmdbEmulator emulator, TrackedRedis redis, Fault[] faults, double[] restarts, Func<double> now, CancellationToken cancellationToken)
    {
        var events = faults.SelectMany(f => new[] { (At: f.From, Act: (Func<Task>)(() => Start(emulator, f))), (At: f.To, Act: () => Heal(emulator)) })
            .Concat(restarts.Select(at => (At: at, Act: (Func<Task>)(() => redis.Server.RestartAsync()))))
            .OrderBy(e => e.At)
            .ToArray();
        foreach (var (at, act) in events)
        {
            var wait = at - now();
            if (wait > 0)
                await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
            await act();
        }
    }

    private static Task Start(TmdbEmulator emulator, Fault fault)
    {
        if (fault.Kind.StartsWith("failing", StringComparison.Ordinal))
            emulator.FailAlways(503);
        else if (fault.Kind.StartsWith("slow", StringComparison.Ordinal))
            emulator.Latency = SlowLatency;
        else
            emulator.RateLimitNext(1_000_000, retryAfterSeconds: 10);
        Console.WriteLine($"  {DateTime.UtcNow:HH:mm:ss} TMDB {fault.Kind}");
        return Task.CompletedTask;
    }

    private static Task Heal(TmdbEmulator emulator)
    {
        emulator.Heal();
        emulator.Latency = BaseLatency;
        Console.WriteLine($"  {DateTime.UtcNow:HH:mm:ss} TMDB healthy again");
        return Task.CompletedTask;
    }

    private static async Task<(int Status, bool Errors, string? Code)> SendAsync(HttpClient http, string baseUrl, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(GraphQLHttp.PostRequest(baseUrl, body), cancellationToken);
            var text = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            string? code = null;
            var errors = text.AsSpan().IndexOf("\"errors\""u8) >= 0;
            if (errors)
            {
                try
                {
                    code = JsonNode.Parse(text)?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>() ?? "(no code)";
                }
                catch (System.Text.Json.JsonException)
                {
                    code = "(not JSON)";
                }
            }
            return ((int)response.StatusCode, errors || response.StatusCode != HttpStatusCode.OK, code);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return (0, true, ex.GetType().Name);
        }
    }

    /// <summary>
    /// A realistic mix with many distinct variables: comparisons of random co-stars, careers, movies, co-star rankings,
    /// movie comparisons and searches by random prefixes.
    /// </summary>
    private static byte[] RandomRequest(SnapshotData snapshot, Random random)
    {
        var movies = snapshot.Movies;
        var roll = random.Next(100);
        switch (roll)
        {
            case < 25:
            {
                if (snapshot.RandomCoStars(random) is not { } pair)
                    goto default;
                return GraphQLHttp.Body(Queries.CompareWithDetails, Queries.Ids(pair));
            }
            case < 40:
                return GraphQLHttp.Body(Queries.ActorWithCareer, Queries.Id(snapshot.Actors[random.Next(snapshot.Actors.Count)]));
            case < 55:
                return GraphQLHttp.Body(Queries.MovieWithCast, Queries.Id(movies[random.Next(movies.Count)].Id));
            case < 67:
            {
                // Co-stars of a billed actor of a random movie (a star more often than not).
                var cast = movies[random.Next(movies.Count)].Cast;
                if (cast.Count == 0)
                    goto default;
                return GraphQLHttp.Body(CoStars, new JsonObject { ["id"] = cast[random.Next(Math.Min(cast.Count, 5))], ["first"] = 5 });
            }
            case < 75:
            {
                var actor = snapshot.Actors[random.Next(snapshot.Actors.Count)];
                var theirs = snapshot.MoviesOf(actor);
                if (theirs.Count < 2)
                    goto default;
                return GraphQLHttp.Body(Queries.CompareMovies, Queries.Ids(theirs.OrderBy(_ => random.Next()).Take(2).ToArray()));
            }
            default:
            {
                var actors = random.Next(2) == 0;
                var text = actors ? snapshot.NameOf(snapshot.Actors[random.Next(snapshot.Actors.Count)]) : movies[random.Next(movies.Count)].Title;
                var word = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => w.Length >= 2) ?? "the";
                return GraphQLHttp.Body(actors ? Queries.SearchActors : Queries.SearchMovies, Queries.Search(word[..Math.Min(word.Length, 2 + random.Next(4))], 10));
            }
        }
    }
}
