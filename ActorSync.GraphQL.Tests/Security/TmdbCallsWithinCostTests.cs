using ActorSync.GraphQL.Relay;
using ActorSync.GraphQL.Search;
using ActorSync.GraphQL.Security;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;

namespace ActorSync.GraphQL.Tests.Security;

/// <summary>
/// A field's cost covers its worst-case TMDB calls: each query, measured (<c>GraphQL-Cost: validate</c>) and then run on
/// a cold cache in live mode, makes no more calls to a loopback TMDB than its cost divided by the cost of one TMDB field.
/// (Collaborators: <c>Actors/CollaboratorLiveTests</c>; actor paths: <c>Paths/ActorPathLiveTests</c>.)
/// </summary>
public sealed class TmdbCallsWithinCostTests : LiveTmdbTestBase
{
    private static readonly double TmdbFieldCost = new QueryLimitsOptions().TmdbFieldCost;

    private ApiFactory _factory = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _factory = LiveApi(("Tmdb:Resilience:RequestsPerSecond", "1000"));
    }

    public static TheoryData<string, string> Queries()
    {
        var bigCasts = SnapshotOracle.Instance.Movies.Values.OrderByDescending(m => m.Cast.Count).ThenBy(m => m.Id).Take(10).Select(m => m.Id);
        var prolific = SnapshotOracle.Instance.Actors.OrderByDescending(a => Expected.Credits(a).Count).ThenBy(a => a).Take(10).ToArray();
        return new TheoryData<string, string>
        {
            { "compareMovies", $"{{ compareMovies(tmdbIds: [{string.Join(",", bigCasts)}]) {{ sharedCast {{ actor {{ name popularity }} }} movies {{ title }} }} }}" },
            { "compareActors", $"{{ compareActors(tmdbIds: [{string.Join(",", prolific)}]) {{ sharedMovies {{ movie {{ title }} }} timeline {{ year }} }} }}" },
            { "movie cast", "{ movie(tmdbId: 671) { cast(first: 50) { actor { name popularity profileUrl } } } }" },
            { "actors", $"{{ actors(tmdbIds: [{string.Join(",", prolific)}]) {{ name credits {{ character }} }} }}" },
            { "nodes", $"{{ nodes(ids: [\"{GlobalId.Encode(GlobalId.Actor, 287)}\", \"{GlobalId.Encode(GlobalId.Movie, 550)}\"]) {{ id }} }}" },
            // After a cursor at the end of a TMDB page, a window of 2 reads two pages, and one of 50 four.
            { "searchActors", $"{{ searchActors(query: \"john\", first: 2, after: \"{Cursor.Encode(18)}\") {{ totalCount }} }}" },
            { "searchMovies", $"{{ searchMovies(query: \"the\", first: 50, after: \"{Cursor.Encode(18)}\") {{ nodes {{ title }} }} }}" },
            { "searchMovies", "{ searchMovies(query: \"the\", first: 50) { nodes { title } } }" },
        };
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task A_query_calls_tmdb_no_more_than_its_cost_allows(string field, string query)
    {
        var client = new GraphQLClient(_factory.CreateClient());
        var cost = await CostProbe.CostAsync(client.Http, query);
        Assert.Equal(0, Tmdb.TotalCalls);

        var response = await client.PostAsync(query);

        Assert.Null(response.Errors);
        Assert.True(Tmdb.TotalCalls > 0, $"{field}: the query called TMDB {Tmdb.TotalCalls} times.");
        Assert.True(Tmdb.TotalCalls <= cost / TmdbFieldCost, $"{field}: {Tmdb.TotalCalls} TMDB calls for a cost of {cost}.");
    }

    [Fact]
    public async Task A_query_whose_data_outgrows_its_cost_sends_no_more_tmdb_calls_than_the_cost_allows()
    {
        // The cost model prices a filmography at 50 credits; the most prolific actor of the snapshot has more, and asking
        // for each credit's runtime reads every movie.
        var actor = SnapshotOracle.Instance.Actors.OrderByDescending(a => Expected.Credits(a).Count).ThenBy(a => a).First();
        var query = $"{{ actor(tmdbId: {actor}) {{ name credits {{ movie {{ title runtime }} }} }} }}";
        var client = new GraphQLClient(_factory.CreateClient());
        var allowed = (long)Math.Ceiling(await CostProbe.CostAsync(client.Http, query) / TmdbFieldCost);
        Assert.True(Expected.Credits(actor).Count + 1 > allowed, $"The actor's {Expected.Credits(actor).Count} credits fit the {allowed} calls the cost allows: the test would prove nothing.");

        var response = await client.PostAsync(query);

        Assert.Equal(200, response.Status);
        Assert.True(Tmdb.TotalCalls <= allowed, $"{Tmdb.TotalCalls} TMDB calls for {allowed} allowed.");
        Assert.Equal(SnapshotOracle.Instance.People[actor].Name, response.Data?["actor"]?["name"]?.GetValue<string>());
        var errors = response.Errors!.Select(e => e!).ToArray();
        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            Assert.Equal("QUERY_TOO_COMPLEX", e["extensions"]?["code"]?.GetValue<string>());
            Assert.Equal(allowed, e["extensions"]?["tmdbCalls"]?.GetValue<long>());
        });
        // Every movie the allowance covered was answered: only the ones past it are missing.
        var runtimes = response.Data!["actor"]!["credits"]!.AsArray().Count(c => c?["movie"]?["title"] is not null);
        Assert.True(runtimes >= allowed - 1, $"{runtimes} movies answered with {allowed} calls allowed.");
    }

    [Fact]
    public async Task Each_operation_of_a_batch_is_held_to_its_own_cost_not_to_the_first_ones()
    {
        const string small = "{ actor(tmdbId: 287) { name } }";
        const string bigger = "{ movie(tmdbId: 550) { cast(first: 10) { actor { name popularity } } } }";
        var batch = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["query"] = small },
            new System.Text.Json.Nodes.JsonObject { ["query"] = bigger });
        using var content = new StringContent(batch.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

        using var answer = await _factory.CreateClient().PostAsync("/graphql", content);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await answer.Content.ReadAsStringAsync())!.AsArray();

        Assert.Equal(2, body.Count);
        Assert.All(body, result => Assert.Null(result?["errors"]));
        Assert.Equal(10, body[1]!["data"]!["movie"]!["cast"]!.AsArray().Count);
    }

    [Fact]
    public void A_search_is_priced_at_the_most_pages_its_window_can_touch()
    {
        const int page = 20;
        for (var size = 0; size <= 50; size++)
        {
            // TMDB pages holding results start .. start + size - 1 (one page even for none).
            int Touched(int start) => size == 0 ? 1 : (start + size - 1) / page - start / page + 1;
            Assert.True(CostModel.SearchPages(size, afterCursor: false) >= Touched(0), $"first: {size} from the start");
            Assert.Equal(Enumerable.Range(1, 2 * page).Max(Touched), CostModel.SearchPages(size, afterCursor: true));
        }
    }
}
