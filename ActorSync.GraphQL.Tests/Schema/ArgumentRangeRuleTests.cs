using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Schema;

/// <summary>
/// Out-of-range arguments are request errors found while validating (<c>Kernel/ArgumentRangeRule.cs</c>): BAD_USER_INPUT
/// naming the argument, with its location, before the cost analysis, whether the value is a literal or a variable.
/// </summary>
public sealed class ArgumentRangeRuleTests : BothPathsTestBase
{
    public static TheoryData<string, string, string, string> Literals() => new()
    {
        { "first over 50", "{ searchActors(query: \"tom\", first: 51) { totalCount } }", "first", "between 0 and 50" },
        { "first of a million", "{ actor(tmdbId: 287) { knownFor(first: 1000000) { title } } }", "first", "got 1000000" },
        { "negative first", "{ movie(tmdbId: 550) { cast(first: -1) { order } } }", "first", "between 0 and 50" },
        { "tmdbId zero", "{ actor(tmdbId: 0) { name } }", "tmdbId", "between 1 and 999,999,999" },
        { "tmdbId over the range", "{ movie(tmdbId: 1000000000) { title } }", "tmdbId", "got 1000000000" },
        { "path end out of range", "{ actorPath(fromTmdbId: 287, toTmdbId: -5) { degrees } }", "toTmdbId", "got -5" },
        { "maxDepth over 6", "{ actorPath(fromTmdbId: 287, toTmdbId: 819, maxDepth: 7) { degrees } }", "maxDepth", "between 1 and 6" },
        { "maxDepth zero", "{ actorPath(fromTmdbId: 287, toTmdbId: 819, maxDepth: 0) { degrees } }", "maxDepth", "between 1 and 6" },
        { "one id to compare", "{ compareActors(tmdbIds: [287]) { actors { name } } }", "tmdbIds", "2 to 10 ids" },
        { "eleven ids to compare", "{ compareMovies(tmdbIds: [1,2,3,4,5,6,7,8,9,10,11]) { movies { title } } }", "tmdbIds", "got 11" },
        { "an id to compare out of range", "{ compareActors(tmdbIds: [287, 0]) { actors { name } } }", "tmdbIds", "got 0" },
        { "a repeated id to compare", "{ compareActors(tmdbIds: [287, 287]) { actors { name } } }", "tmdbIds", "287 more than once" },
        { "a looked-up id out of range", "{ actors(tmdbIds: [287, 1000000000]) { name } }", "tmdbIds", "got 1000000000" },
        { "a blank search", "{ searchMovies(query: \"   \") { totalCount } }", "query", "1 to 100 characters" },
        { "a search over 100 characters", $"{{ searchMovies(query: \"{new string('a', 101)}\") {{ totalCount }} }}", "query", "got 101" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public async Task An_out_of_range_literal_argument_is_a_bad_user_input_request_error(string because, string query, string argument, string says)
    {
        var response = await new GraphQLClient(Direct.CreateClient()).PostAsync(query);
        AssertBadArgument(response, argument, says, because);
        Assert.NotNull(response.Errors![0]!["locations"]);
    }

    public static TheoryData<string, string, string, string> Variables() => new()
    {
        { "query($n: Int) { searchActors(query: \"tom\", first: $n) { totalCount } }", """{"n": 1000000}""", "first", "got 1000000" },
        { "query($id: Int!) { actor(tmdbId: $id) { name } }", """{"id": 0}""", "tmdbId", "got 0" },
        { "query($ids: [Int!]!) { compareActors(tmdbIds: $ids) { actors { name } } }", """{"ids": [287]}""", "tmdbIds", "2 to 10 ids" },
        { "query($ids: [Int!]!) { compareActors(tmdbIds: $ids) { actors { name } } }", """{"ids": [287, -1]}""", "tmdbIds", "got -1" },
        { "query($ids: [Int!]!) { compareMovies(tmdbIds: $ids) { movies { title } } }", """{"ids": [550, 550]}""", "tmdbIds", "550 more than once" },
        { "query($ids: [Int!]!) { movies(tmdbIds: $ids) { title } }", $$"""{"ids": [{{string.Join(",", Enumerable.Range(1, 51))}}]}""", "tmdbIds", "at most 50 ids" },
        { "query($d: Int) { actorPath(fromTmdbId: 287, toTmdbId: 819, maxDepth: $d) { degrees } }", """{"d": 9}""", "maxDepth", "got 9" },
        { "query($q: String!) { searchActors(query: $q) { totalCount } }", """{"q": ""}""", "query", "got 0" },
    };

    [Theory]
    [MemberData(nameof(Variables))]
    public async Task An_out_of_range_variable_is_a_bad_user_input_request_error(string query, string variables, string argument, string says)
    {
        var response = await new GraphQLClient(Direct.CreateClient()).PostAsync(query, System.Text.Json.JsonDocument.Parse(variables).RootElement);
        AssertBadArgument(response, argument, says, query);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_same_document_with_a_good_then_a_bad_variable_is_refused_the_second_time(bool direct)
    {
        // The first request validates the document in full; later ones take the known-document path (only the rules
        // that depend on variables), and with the direct path on, its own validation of new variables.
        var client = new GraphQLClient((direct ? Direct : Engine).CreateClient());
        const string query = "query($n: Int) { actor(tmdbId: 287) { knownFor(first: $n) { title } } }";
        Assert.Null((await client.PostAsync(query, new { n = 2 })).Errors);
        Assert.Null((await client.PostAsync(query, new { n = 2 })).Errors); // known cost: compiled for the direct path
        Assert.Null((await client.PostAsync(query, new { n = 3 })).Errors);
        AssertBadArgument(await client.PostAsync(query, new { n = 1_000_000 }), "first", "got 1000000", "a million after good values");
        AssertBadArgument(await client.PostAsync(query, new { n = 51 }), "first", "got 51", "51 after good values");
        Assert.Null((await client.PostAsync(query, new { n = 2 })).Errors);
    }

    [Fact]
    public async Task A_bad_first_is_reported_instead_of_the_cost_of_a_document_also_over_the_cost_limit()
    {
        // 50 credits × 30 cast × 50 credits: far over the cost limit, and first is out of range too.
        var response = await new GraphQLClient(Direct.CreateClient()).PostAsync(
            "{ actor(tmdbId: 287) { knownFor(first: 1000000) { title } credits { movie { cast { actor { credits { movie { title } } } } } } } }");
        AssertBadArgument(response, "first", "got 1000000", "too costly and a bad first");
        Assert.DoesNotContain("QUERY_TOO_COMPLEX", response.Body);
    }

    [Fact]
    public async Task Under_application_json_the_error_comes_with_status_200_and_no_data()
    {
        var response = await new GraphQLClient(Direct.CreateClient()).PostAsync("{ actor(tmdbId: 0) { name } }", accept: "application/json");
        Assert.Equal(200, response.Status);
        Assert.Equal("BAD_USER_INPUT", response.FirstCode);
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task Every_bad_argument_of_a_document_is_reported()
    {
        var response = await new GraphQLClient(Direct.CreateClient()).PostAsync("{ a: actor(tmdbId: 0) { name } b: movie(tmdbId: -1) { title } }");
        Assert.Equal(400, response.Status);
        Assert.Equal(2, response.Errors!.Count);
        Assert.All(response.Errors, e => Assert.Equal("BAD_USER_INPUT", e!["extensions"]!["code"]!.GetValue<string>()));
    }

    private static void AssertBadArgument(GraphQLResponse response, string argument, string says, string because)
    {
        Assert.True(response.Status == 400, $"{because}: {response.Status} {response.Body}");
        Assert.StartsWith("application/graphql-response+json", response.ContentType);
        Assert.Null(response.Data);
        var error = response.Errors![0]!;
        Assert.Equal("BAD_USER_INPUT", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(argument, error["extensions"]!["argument"]!.GetValue<string>());
        Assert.Contains(says, error["message"]!.GetValue<string>());
    }
}
