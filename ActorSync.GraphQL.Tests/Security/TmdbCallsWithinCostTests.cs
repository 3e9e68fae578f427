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
public sealed class TmdbCallsWithinCostTests : IAsyncLifetime
{
    private static readonly double TmdbFieldCost = new QueryLimitsOptions().TmdbFieldCost;

    private TmdbEmulator _tmdb = null!;
    private ApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _tmdb = await TmdbEmulator.StartAsync();
        _factory = new ApiFactory()
            .Live(_tmdb.BaseUrl, _tmdb.ApiKey)
            .With("Tmdb:Resilience:RequestsPerSecond", "1000");
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _tmdb.DisposeAsync();
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
        Assert.Equal(0, _tmdb.TotalCalls);

        var response = await client.PostAsync(query);

        Assert.Null(response.Errors);
        Assert.True(_tmdb.TotalCalls > 0, $"{field}: the query called TMDB {_tmdb.TotalCalls} times.");
        Assert.True(_tmdb.TotalCalls <= cost / TmdbFieldCost, $"{field}: {_tmdb.TotalCalls} TMDB calls for a cost of {cost}.");
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
