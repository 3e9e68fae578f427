using System.Text.Json.Nodes;
using ActorSync.GraphQL.DataLoading;
using ActorSync.GraphQL.Paths;
using ActorSync.GraphQL.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Paths;

public sealed class ActorPathQueryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly GraphQLClient _client = new(factory.CreateClient());
    private static ActorGraph Graph => ActorGraph.Instance;
    private static SnapshotOracle Data => SnapshotOracle.Instance;

    private const string PathFields = "degrees steps { from { tmdbId } movie { tmdbId } to { tmdbId } }";

    /// <summary>
    /// Pairs at 1, 2, 3 and 4 degrees from actors picked at random (fixed seed): the 4-degree ones with maxDepth 3 (no
    /// chain within reach) and 4; and a pair in different parts of the graph, which no depth connects.
    /// </summary>
    public static TheoryData<int, int, int> Pairs()
    {
        var data = new TheoryData<int, int, int>();
        var actors = Graph.Actors.ToArray();
        var random = new Random(20260607);
        var covered = new HashSet<int>();
        for (var picked = 0; picked < 4 || !covered.IsSupersetOf([1, 2, 3, 4]);)
        {
            var from = actors[random.Next(actors.Length)];
            var byDegree = Graph.Degrees(from, maxDegrees: 4).Where(e => e.Value > 0).GroupBy(e => e.Value).ToDictionary(g => g.Key, g => g.Select(e => e.Key).Order().ToArray());
            if (!byDegree.ContainsKey(3))
                continue; // an actor in a small corner of the graph; the isolated case below covers those
            picked++;
            foreach (var (degree, targets) in byDegree.OrderBy(e => e.Key))
            {
                var to = targets[random.Next(targets.Length)];
                covered.Add(degree);
                data.Add(from, to, 3);
                if (degree == 4)
                    data.Add(from, to, 4);
            }
        }
        var (isolated, elsewhere) = IsolatedPair();
        data.Add(isolated, elsewhere, 6);
        data.Add(elsewhere, isolated, 6);
        return data;
    }

    /// <summary>An actor of a movie whose whole cast acted in nothing else, and an actor far from it (the first of the sample).</summary>
    private static (int Isolated, int Elsewhere) IsolatedPair()
    {
        var movie = Data.Movies.Keys.Order().First(m => Graph.CastOf(m).Count >= 2 && Graph.CastOf(m).All(a => Graph.MoviesOf(a).Count == 1));
        var isolated = Graph.CastOf(movie)[0];
        var elsewhere = Expected.SampleActors(1, seed: 1)[0];
        return (isolated, elsewhere);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task The_path_is_as_short_as_a_plain_breadth_first_search_finds_and_every_step_shares_a_movie(int from, int to, int maxDepth)
    {
        var data = await _client.DataAsync($"{{ actorPath(fromTmdbId: {from}, toTmdbId: {to}, maxDepth: {maxDepth}) {{ {PathFields} }} }}");
        var path = data["actorPath"];
        var distance = Graph.Degrees(from).TryGetValue(to, out var d) ? d : (int?)null;

        if (distance is null || distance > maxDepth)
        {
            Assert.Null(path);
            return;
        }
        Assert.NotNull(path);
        Assert.Equal(distance, path["degrees"]!.GetValue<int>());
        var steps = Steps(path);
        Assert.Equal(distance, steps.Count);
        Assert.Equal(from, steps[0].From);
        Assert.Equal(to, steps[^1].To);
        for (var i = 0; i < steps.Count; i++)
        {
            if (i > 0)
                Assert.Equal(steps[i - 1].To, steps[i].From);
            var cast = Data.Movies[steps[i].Movie].Cast.Select(c => c.PersonId).ToHashSet();
            Assert.Contains(steps[i].From, cast);
            Assert.Contains(steps[i].To, cast);
        }
        Assert.Equal(Graph.SmallestShortestChain(from, to), steps.Select(s => (s.Movie, s.To)).ToArray());
    }

    public static TheoryData<int> Degrees() => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Degrees))]
    public async Task Among_equally_short_chains_the_smallest_sequence_of_movie_and_actor_ids_wins(int degrees)
    {
        // Small cases where every shortest chain can be listed, and there are several to choose from.
        var checkedPairs = 0;
        var random = new Random(degrees * 7919);
        var actors = Graph.Actors.ToArray();
        while (checkedPairs < 3)
        {
            var from = actors[random.Next(actors.Length)];
            var targets = Graph.Degrees(from, degrees).Where(e => e.Value == degrees).Select(e => e.Key).Order().ToArray();
            if (targets.Length == 0)
                continue;
            var to = targets[random.Next(targets.Length)];
            var all = Graph.AllShortestChains(from, to, degrees, limit: 20_000);
            if (all.Count < 2 || all.Count >= 20_000)
                continue;
            checkedPairs++;

            var smallest = all.Aggregate((a, b) => ActorGraph.CompareChains(a, b) <= 0 ? a : b);
            var data = await _client.DataAsync($"{{ actorPath(fromTmdbId: {from}, toTmdbId: {to}) {{ {PathFields} }} }}");
            Assert.Equal(smallest, Steps(data["actorPath"]!).Select(s => (s.Movie, s.To)).ToArray());
        }
    }

    [Fact]
    public async Task Reversing_the_ends_keeps_the_degrees_and_applies_the_rule_from_the_other_end()
    {
        var (from, to) = PairAt(3, seed: 33);
        var data = await _client.DataAsync($$"""
            { there: actorPath(fromTmdbId: {{from}}, toTmdbId: {{to}}) { {{PathFields}} }
              back: actorPath(fromTmdbId: {{to}}, toTmdbId: {{from}}) { {{PathFields}} } }
            """);
        Assert.Equal(data["there"]!["degrees"]!.GetValue<int>(), data["back"]!["degrees"]!.GetValue<int>());
        Assert.Equal(Graph.SmallestShortestChain(from, to), Steps(data["there"]!).Select(s => (s.Movie, s.To)).ToArray());
        Assert.Equal(Graph.SmallestShortestChain(to, from), Steps(data["back"]!).Select(s => (s.Movie, s.To)).ToArray());
    }

    [Fact]
    public async Task An_actor_is_zero_degrees_from_themselves()
    {
        var data = await _client.DataAsync($"{{ actorPath(fromTmdbId: 287, toTmdbId: 287) {{ {PathFields} }} }}");
        Assert.Equal(0, data["actorPath"]!["degrees"]!.GetValue<int>());
        Assert.Empty(data["actorPath"]!["steps"]!.AsArray());
    }

    [Fact]
    public async Task Steps_carry_full_actors_and_movies()
    {
        var data = await _client.DataAsync("{ actorPath(fromTmdbId: 287, toTmdbId: 819) { degrees steps { from { name } movie { title releaseYear cast(first: 1) { actor { name } } } to { name popularity } } } }");
        var step = Assert.Single(data["actorPath"]!["steps"]!.AsArray())!;
        var (movie, _) = Graph.SmallestShortestChain(287, 819)![0];
        Assert.Equal("Brad Pitt", step["from"]!["name"]!.GetValue<string>());
        Assert.Equal(Data.Movies[movie].Title, step["movie"]!["title"]!.GetValue<string>());
        Assert.Equal("Edward Norton", step["to"]!["name"]!.GetValue<string>());
        Assert.Equal(Data.People[819].Popularity, step["to"]!["popularity"]!.GetValue<double>(), 6);
    }

    [Fact]
    public async Task An_explicit_null_max_depth_reads_as_the_default_of_three()
    {
        var (from, to) = PairAt(4, seed: 4);
        var data = await _client.DataAsync($"{{ withNull: actorPath(fromTmdbId: {from}, toTmdbId: {to}, maxDepth: null) {{ degrees }} withFour: actorPath(fromTmdbId: {from}, toTmdbId: {to}, maxDepth: 4) {{ degrees }} }}");
        Assert.Null(data["withNull"]);
        Assert.Equal(4, data["withFour"]!["degrees"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{ actorPath(fromTmdbId: 287, toTmdbId: 819) { degrees } }", PathQueries.ActorPathImpact + 1)]
    // steps 1 + at most 6 steps × (movie 1 + title 1)
    [InlineData("{ actorPath(fromTmdbId: 287, toTmdbId: 819) { steps { movie { title } } } }", PathQueries.ActorPathImpact + 1 + 6 * 2)]
    public async Task The_cost_model_weighs_a_path_search_like_the_look_ups_its_budget_allows(string query, double cost) =>
        Assert.Equal(cost, await CostProbe.CostAsync(_client.Http, query));

    [Fact]
    public async Task A_larger_live_budget_weighs_more_so_the_cost_still_covers_every_call()
    {
        await using var budgeted = new ApiFactory().With("PathSearch:MaxResources", "500").With("QueryLimits:TmdbFieldCost", "12");
        var cost = await CostProbe.CostAsync(budgeted.CreateClient(), "{ actorPath(fromTmdbId: 287, toTmdbId: 819) { degrees } }");
        Assert.Equal(500 * 12 + 1, cost);
    }

    [Fact]
    public async Task Four_path_searches_in_one_operation_go_over_the_cost_limit()
    {
        var search = "actorPath(fromTmdbId: 287, toTmdbId: 819) { degrees }";
        var three = await _client.PostAsync($"{{ a: {search} b: {search} c: {search} }}");
        var four = await _client.PostAsync($"{{ a: {search} b: {search} c: {search} d: {search} }}");
        Assert.Null(three.Errors);
        Assert.Equal("QUERY_TOO_COMPLEX", four.FirstCode);
    }

    public static TheoryData<string, string> InvalidArguments() => new()
    {
        { "fromTmdbId: 287, toTmdbId: 819, maxDepth: 0", "maxDepth" },
        { "fromTmdbId: 287, toTmdbId: 819, maxDepth: 7", "maxDepth" },
        { "fromTmdbId: 287, toTmdbId: 819, maxDepth: -1", "maxDepth" },
        { "fromTmdbId: 0, toTmdbId: 819", "fromTmdbId" },
        { "fromTmdbId: 287, toTmdbId: 1000000000", "toTmdbId" },
    };

    [Theory]
    [MemberData(nameof(InvalidArguments))]
    public async Task Out_of_range_arguments_are_bad_user_input_naming_the_argument(string arguments, string argument)
    {
        var response = await _client.PostAsync($"{{ actorPath({arguments}) {{ degrees }} }}");
        Assert.Equal("BAD_USER_INPUT", response.FirstCode);
        Assert.Equal(argument, response.Errors![0]!["extensions"]!["argument"]!.GetValue<string>());
        // Found while validating: a request error, nothing runs.
        Assert.Equal(400, response.Status);
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task An_unknown_end_is_actor_not_found_naming_every_unknown_id()
    {
        var unknown = Enumerable.Range(1, 10_000).Where(id => !Data.People.ContainsKey(id)).Take(2).ToArray();

        var one = await _client.PostAsync($"{{ actorPath(fromTmdbId: 287, toTmdbId: {unknown[0]}) {{ degrees }} }}");
        Assert.Equal("ACTOR_NOT_FOUND", one.FirstCode);
        Assert.Equal(unknown[0], one.Errors![0]!["extensions"]!["tmdbId"]!.GetValue<int>());

        var both = await _client.PostAsync($"{{ actorPath(fromTmdbId: {unknown[0]}, toTmdbId: {unknown[1]}) {{ degrees }} }}");
        Assert.Equal("ACTOR_NOT_FOUND", both.FirstCode);
        Assert.Equal(unknown, both.Errors![0]!["extensions"]!["tmdbIds"]!.AsArray().Select(i => i!.GetValue<int>()));

        var self = await _client.PostAsync($"{{ actorPath(fromTmdbId: {unknown[0]}, toTmdbId: {unknown[0]}) {{ degrees }} }}");
        Assert.Equal("ACTOR_NOT_FOUND", self.FirstCode);
    }

    [Fact]
    public async Task A_search_over_the_offline_budget_fails_with_path_search_limit()
    {
        await using var small = new ApiFactory().With("PathSearch:MaxResourcesOffline", "3");
        var client = new GraphQLClient(small.CreateClient());
        // Two degrees are four half-steps: the first batch reads both ends (2), then two more batches of at least one each.
        var (from, to) = PairAt(2, seed: 2);

        var response = await client.PostAsync($"{{ actorPath(fromTmdbId: {from}, toTmdbId: {to}) {{ degrees }} }}");
        Assert.Equal("PATH_SEARCH_LIMIT", response.FirstCode);
        Assert.Equal(3, response.Errors![0]!["extensions"]!["limit"]!.GetValue<int>());
        Assert.Null(response.Data!["actorPath"]);
    }

    public static TheoryData<int> SearchDegrees() => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(SearchDegrees))]
    public async Task Each_half_step_of_the_search_is_one_data_loader_batch(int degrees)
    {
        var (from, to) = PairAt(degrees, seed: degrees);

        using var scope = factory.Services.CreateScope();
        var people = scope.ServiceProvider.GetRequiredService<PersonLoader>();
        var movies = scope.ServiceProvider.GetRequiredService<MovieLoader>();
        var finder = factory.Services.GetRequiredService<PathFinder>();
        var result = await finder.FindAsync(people, movies, from, to, maxDepth: 6, CancellationToken.None);

        Assert.Equal(degrees, result.Path!.Degrees);
        // A chain of d degrees is 2d half-steps; the first batch reads both ends, growing each side by one.
        Assert.Equal(2 * degrees - 1, result.Batches);
        Assert.Equal(result.Batches, people.BatchCount + movies.BatchCount);
        Assert.True(result.ResourcesRead <= finder.MaxResources);
    }

    /// <summary>Two actors exactly <paramref name="degrees"/> apart: the first sampled actor with such a partner, and one of those at random.</summary>
    internal static (int From, int To) PairAt(int degrees, int seed)
    {
        var random = new Random(seed);
        foreach (var from in Expected.SampleActors(50, seed))
        {
            var targets = Graph.Degrees(from, degrees).Where(e => e.Value == degrees).Select(e => e.Key).Order().ToArray();
            if (targets.Length > 0)
                return (from, targets[random.Next(targets.Length)]);
        }
        throw new InvalidOperationException($"no actors {degrees} degrees apart in the sample");
    }

    internal static IReadOnlyList<(int From, int Movie, int To)> Steps(JsonNode path) =>
        path["steps"]!.AsArray().Select(s => (
            s!["from"]!["tmdbId"]!.GetValue<int>(),
            s["movie"]!["tmdbId"]!.GetValue<int>(),
            s["to"]!["tmdbId"]!.GetValue<int>())).ToArray();
}
