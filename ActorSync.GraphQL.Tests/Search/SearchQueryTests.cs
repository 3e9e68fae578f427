using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Search;

public sealed class SearchQueryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly GraphQLClient _client = new(factory.CreateClient());
    private static SnapshotOracle Data => SnapshotOracle.Instance;

    [Theory]
    [InlineData("tom ha")]
    [InlineData("  Scarlett  ")]
    [InlineData("penelope")]
    [InlineData("ZZZZZZnotaname")]
    public async Task Actor_search_pages_through_every_match_most_popular_first(string query)
    {
        var expected = Data.SearchPeople(query.Trim());
        var seen = new List<int>();
        string? after = null;
        for (var page = 0; page < 4; page++)
        {
            var connection = await SearchAsync("searchActors", query, 7, after);
            Assert.Equal(expected.Count, connection["totalCount"]!.GetValue<int>());
            var nodes = connection["edges"]!.AsArray().Select(e => e!["node"]!["tmdbId"]!.GetValue<int>()).ToArray();
            Assert.Equal(nodes, connection["nodes"]!.AsArray().Select(n => n!["tmdbId"]!.GetValue<int>()));
            Assert.Equal(page > 0, connection["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
            seen.AddRange(nodes);
            var hasNext = connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>();
            Assert.Equal(seen.Count < expected.Count, hasNext);
            if (!hasNext)
                break;
            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        Assert.Equal(expected.Take(seen.Count), seen);
    }

    [Fact]
    public async Task Actor_search_results_carry_names_and_known_for()
    {
        var connection = await SearchAsync("searchActors", "tom ha", 3, null, "name popularity knownFor { tmdbId }");
        var expected = Data.SearchPeople("tom ha").Take(3).ToArray();
        var nodes = connection["nodes"]!.AsArray();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(Data.People[expected[i]].Name, nodes[i]!["name"]!.GetValue<string>());
            Assert.Equal(Data.KnownFor(expected[i]), nodes[i]!["knownFor"]!.AsArray().Select(m => m!["tmdbId"]!.GetValue<int>()));
        }
    }

    [Theory]
    [InlineData("matrix")]
    [InlineData("the dark")]
    [InlineData("amelie")]
    public async Task Movie_search_matches_title_word_prefixes_most_popular_first(string query)
    {
        var expected = Data.SearchMovies(query);
        var connection = await SearchAsync("searchMovies", query, 50, null, "title releaseYear");
        Assert.Equal(expected.Count, connection["totalCount"]!.GetValue<int>());
        Assert.Equal(expected.Take(50), connection["nodes"]!.AsArray().Select(n => n!["tmdbId"]!.GetValue<int>()));
        Assert.NotEmpty(expected);
    }

    [Fact]
    public async Task A_cursor_resumes_right_after_its_edge()
    {
        var first = await SearchAsync("searchMovies", "the", 30, null);
        var cursor = first["edges"]!.AsArray()[24]!["cursor"]!.GetValue<string>();
        var next = await SearchAsync("searchMovies", "the", 3, cursor);
        Assert.Equal(Data.SearchMovies("the").Skip(25).Take(3), next["nodes"]!.AsArray().Select(n => n!["tmdbId"]!.GetValue<int>()));
    }

    [Fact]
    public async Task First_zero_returns_no_edges_but_the_total()
    {
        var connection = await SearchAsync("searchActors", "tom", 0, null);
        Assert.Empty(connection["edges"]!.AsArray());
        Assert.Equal(Data.SearchPeople("tom").Count, connection["totalCount"]!.GetValue<int>());
        Assert.True(connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Null(connection["pageInfo"]!["endCursor"]);
    }

    [Theory]
    [InlineData("searchActors(query: \"\")", "query")]
    [InlineData("searchActors(query: \"   \")", "query")]
    [InlineData("searchMovies(query: \"x\", first: 51)", "first")]
    [InlineData("searchMovies(query: \"x\", first: -1)", "first")]
    [InlineData("searchMovies(query: \"x\", after: \"not-a-cursor\")", "after")]
    public async Task Bad_search_arguments_are_bad_user_input(string field, string argument)
    {
        var response = await _client.PostAsync($"{{ {field} {{ totalCount }} }}");
        Assert.Equal("BAD_USER_INPUT", response.FirstCode);
        Assert.Equal(argument, response.Errors![0]!["extensions"]!["argument"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_text_over_100_characters_is_bad_user_input_and_100_is_fine()
    {
        var longest = await _client.PostAsync($"{{ searchActors(query: \"{new string('a', 100)}\") {{ totalCount }} }}");
        Assert.Null(longest.Errors);
        var tooLong = await _client.PostAsync($"{{ searchActors(query: \"{new string('a', 101)}\") {{ totalCount }} }}");
        Assert.Equal("BAD_USER_INPUT", tooLong.FirstCode);
    }

    private async Task<JsonNode> SearchAsync(string field, string query, int first, string? after, string nodeFields = "tmdbId")
    {
        var data = await _client.DataAsync(
            $"query($q: String!, $first: Int, $after: String) {{ {field}(query: $q, first: $first, after: $after) {{ totalCount edges {{ cursor node {{ tmdbId }} }} nodes {{ tmdbId {nodeFields} }} pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} }} }}",
            new { q = query, first, after });
        return data[field]!;
    }
}
