using System.Text.Json.Nodes;
using ActorSync.TestHosts;

namespace ActorSync.Bench.Figures;

/// <summary>
/// Figure 1, TMDB frugality: a fixed mix of contract queries on a cold cache (fresh API process, flushed Redis); TMDB calls
/// (the emulator's count) divided by the distinct TMDB requests they made (path and query, search pages apart). 1.00 means
/// no resource was fetched twice, across queries or within one. Each query also states which resources it needs (derived
/// from its answer: ids, shared movies, search pages), to show that nothing unneeded was fetched either.
/// </summary>
public static class FrugalityFigure
{
    private const string Name = "frugality";
    private const int PageSize = 20;

    /// <summary>A query of the mix, the variables it is sent with, and the TMDB resources it needs given its answer.</summary>
    private sealed record Step(string Label, string Query, Func<MixState, JsonObject> Variables, Func<JsonNode, MixState, IEnumerable<string>> Needs);

    /// <summary>What earlier answers gave later queries (cursors, ids), as a client would carry it.</summary>
    private sealed class MixState
    {
        public string? ActorsCursor { get; set; }
        public int ActorsSeen { get; set; }
        public string? MoviesCursor { get; set; }
        public int MoviesSeen { get; set; }
        public List<string> MovieIdsFromCredits { get; } = [];
        public List<string> ActorIdsFromCast { get; } = [];
    }

    public static async Task RunAsync(Rig rig)
    {
        var command = rig.Options.CommandFor(Name);
        Console.WriteLine("\n[1] TMDB frugality: a fixed query mix on a cold cache");
        await using var emulator = await TmdbEmulator.StartAsync(ct: rig.CancellationToken);
        await using var redis = await Rig.StartRedisAsync();
        await redis.FlushAllAsync();
        await using var api = await rig.StartLiveApiAsync(Name, emulator, redis.Server, resultCache: true);
        emulator.ResetCounts();

        var needed = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var state = new MixState();
        var steps = Mix();
        foreach (var step in steps)
        {
            var before = emulator.TotalCalls;
            var answer = await GraphQLHttp.PostAsync(rig.Http, api.BaseUrl, step.Query, step.Variables(state), rig.CancellationToken);
            if (!answer.Ok)
            {
                problems.Add($"{step.Label}: {answer.Problem}");
                Console.WriteLine($"  {step.Label,-52} ERROR {answer.Problem}");
                continue;
            }
            var needs = step.Needs(answer.Data!, state).ToArray();
            needed.UnionWith(needs);
            Console.WriteLine($"  {step.Label,-52} {emulator.TotalCalls - before,2} TMDB calls, needs {needs.Length} resources ({Report.Ms(answer.Elapsed.TotalMilliseconds)})");
        }

        var calls = emulator.Calls;
        var distinct = calls.Select(EmulatorCalls.Request).Distinct(StringComparer.Ordinal).Count();
        var fetched = calls.Select(EmulatorCalls.Resource).ToHashSet(StringComparer.Ordinal);
        var unneeded = fetched.Except(needed).Order(StringComparer.Ordinal).ToArray();
        var notFetched = needed.Except(fetched).Order(StringComparer.Ordinal).ToArray();
        var ratio = distinct == 0 ? double.NaN : (double)calls.Count / distinct;
        Console.WriteLine($"  {steps.Count} queries: {calls.Count} TMDB calls for {distinct} distinct requests; the queries need {needed.Count} resources");
        Console.WriteLine($"  repeated calls: {EmulatorCalls.Duplicates(calls)}");
        Console.WriteLine($"  fetched but not needed: {(unneeded.Length == 0 ? "none" : string.Join(", ", unneeded))}");
        if (notFetched.Length > 0)
            Console.WriteLine($"  needed but never fetched (the expectations are wrong, or something was warm): {string.Join(", ", notFetched)}");
        foreach (var problem in problems)
            Console.WriteLine($"  error: {problem}");

        var valid = problems.Count == 0 && notFetched.Length == 0;
        rig.Report.Add(new FigureRow(
            "1. TMDB calls / distinct resource (cold query mix)",
            $"{Report.Fixed(ratio)} ({calls.Count} calls / {distinct}; {unneeded.Length} unneeded)",
            "1.00",
            valid && calls.Count == distinct && unneeded.Length == 0,
            command));
    }

    private static IReadOnlyList<Step> Mix() =>
    [
        new("actor with credits and timeline (287)", Queries.ActorWithCareer, _ => Queries.Id(287), (data, state) =>
        {
            state.MovieIdsFromCredits.AddRange(data["actor"]!["credits"]!.AsArray().Take(2).Select(c => c!["movie"]!["id"]!.GetValue<string>()));
            return ["person/287"];
        }),
        new("movie with cast (550)", Queries.MovieWithCast, _ => Queries.Id(550), (data, state) =>
        {
            state.ActorIdsFromCast.AddRange(data["movie"]!["cast"]!.AsArray().Skip(2).Take(2).Select(c => c!["actor"]!["id"]!.GetValue<string>()));
            return ["movie/550"];
        }),
        new("compareActors 287, 819 with movie details", Queries.CompareWithDetails, _ => Queries.Ids(287, 819),
            (data, _) => ComparisonNeeds(data, 287, 819)),
        new("compareActors 6384, 2975, 530 with movie details", Queries.CompareWithDetails, _ => Queries.Ids(6384, 2975, 530),
            (data, _) => ComparisonNeeds(data, 6384, 2975, 530)),
        // Ranking the shared cast "most popular first" needs each shared actor's popularity, which every cast entry
        // carries (as TMDB's do): the three movies are all it needs.
        new("compareMovies 120, 121, 122 (shared cast ranked)", Queries.CompareMovies, _ => Queries.Ids(120, 121, 122),
            (_, _) => ["movie/120", "movie/121", "movie/122"]),
        new("searchActors \"tom\" first 5", Queries.SearchActors, _ => Queries.Search("tom", 5),
            (data, state) => SearchNeeds(data["searchActors"]!, "person", "tom", 5, c => state.ActorsCursor = c, () => state.ActorsSeen, n => state.ActorsSeen += n)),
        new("searchActors \"tom\" first 20 after it", Queries.SearchActors, state => Queries.Search("tom", 20, state.ActorsCursor),
            (data, state) => SearchNeeds(data["searchActors"]!, "person", "tom", 20, c => state.ActorsCursor = c, () => state.ActorsSeen, n => state.ActorsSeen += n)),
        new("searchMovies \"star\" first 10", Queries.SearchMovies, _ => Queries.Search("star", 10),
            (data, state) => SearchNeeds(data["searchMovies"]!, "movie", "star", 10, c => state.MoviesCursor = c, () => state.MoviesSeen, n => state.MoviesSeen += n)),
        new("searchMovies \"star\" first 15 after it", Queries.SearchMovies, state => Queries.Search("star", 15, state.MoviesCursor),
            (data, state) => SearchNeeds(data["searchMovies"]!, "movie", "star", 15, c => state.MoviesCursor = c, () => state.MoviesSeen, n => state.MoviesSeen += n)),
        new("node: a cast member's global id", Queries.Node, state => new JsonObject { ["id"] = state.ActorIdsFromCast[0] },
            (_, state) => [Queries.ResourceOf(state.ActorIdsFromCast[0])]),
        new("nodes: a credit's movie, a cast member, Actor 287", Queries.Nodes,
            state => new JsonObject { ["ids"] = new JsonArray(state.MovieIdsFromCredits[0], state.ActorIdsFromCast[1], Queries.GlobalId("Actor", 287)) },
            (_, state) => [Queries.ResourceOf(state.MovieIdsFromCredits[0]), Queries.ResourceOf(state.ActorIdsFromCast[1]), "person/287"]),
        new("actors 287, 819, 1245", Queries.Actors, _ => Queries.Ids(287, 819, 1245),
            (_, _) => ["person/287", "person/819", "person/1245"]),
        new("movies 603, 13", Queries.Movies, _ => Queries.Ids(603, 13),
            (_, _) => ["movie/603", "movie/13"]),
        new("compareActors 287, 819 again (same operation)", Queries.CompareWithDetails, _ => Queries.Ids(287, 819),
            (data, _) => ComparisonNeeds(data, 287, 819)),
        new("compareActors 819, 287, titles only", Queries.CompareTitlesOnly, _ => Queries.Ids(819, 287),
            (_, _) => ["person/819", "person/287"]),
    ];

    /// <summary>The compared people, and the shared movies whose details (runtime, genres) the answer shows.</summary>
    private static IEnumerable<string> ComparisonNeeds(JsonNode data, params int[] people) =>
        people.Select(id => $"person/{id}").Concat(
            data["compareActors"]!["sharedMovies"]!.AsArray().Select(s => $"movie/{s!["movie"]!["tmdbId"]!.GetValue<int>()}"));

    /// <summary>The TMDB pages (20 results each) that the window after the results seen so far touches.</summary>
    private static IEnumerable<string> SearchNeeds(JsonNode connection, string kind, string text, int first, Action<string?> setCursor, Func<int> seen, Action<int> addSeen)
    {
        var start = seen();
        var edges = connection["edges"]!.AsArray();
        setCursor(connection["pageInfo"]!["endCursor"]?.GetValue<string>());
        addSeen(edges.Count);
        var firstPage = start / PageSize + 1;
        var lastPage = Math.Max(firstPage, (start + first - 1) / PageSize + 1);
        return Enumerable.Range(firstPage, lastPage - firstPage + 1).Select(page => EmulatorCalls.SearchResource(kind, text, page));
    }
}
