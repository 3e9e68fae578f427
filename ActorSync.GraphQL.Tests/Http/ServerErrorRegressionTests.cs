using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Http;

/// <summary>Inputs that once answered HTTP 500, through the endpoint with its default settings.</summary>
public sealed class ServerErrorRegressionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Duplicate_fragment_names_are_a_validation_error_with_the_result_cache_and_rate_limits_on(bool rateLimits)
    {
        await using var api = new ApiFactory().With("RateLimits:Enabled", rateLimits ? "true" : "false");
        var client = new GraphQLClient(api.CreateClient());

        for (var round = 0; round < 2; round++)
        {
            var response = await client.PostAsync("{ ...A } fragment A on Query { __typename } fragment A on Query { __typename }");

            Assert.Equal(400, response.Status);
            Assert.Equal("GRAPHQL_VALIDATION_FAILED", response.FirstCode);
            Assert.Contains(response.Errors!, e => e!["message"]!.GetValue<string>().Contains("one fragment named 'A'", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("query C($f: Int) { actor(tmdbId: 287) { collaborators(first: $f) { count } } }", "collaborators", 10)]
    [InlineData("query C($f: Int) { actor(tmdbId: 287) { knownFor(first: $f) { title } } }", "knownFor", 3)]
    [InlineData("query C($f: Int) { searchActors(query: \"tom\", first: $f) { nodes { name } } }", "searchActors", 10)]
    [InlineData("query C($f: Int) { movie(tmdbId: 550) { cast(first: $f) { character } } }", "cast", -1)]
    public async Task First_null_means_the_default_and_repeats_answer_the_same_status_headers_and_body(string query, string field, int expected)
    {
        await using var api = new ApiFactory();
        var client = api.CreateClient();
        // Warm the document with a number first, so that later requests can take the direct path.
        for (var i = 0; i < 3; i++)
            Assert.Equal(200, (int)(await SendAsync(client, query, new JsonObject { ["f"] = 2 })).Status);

        var answers = new List<(int Status, string? ContentType, string Body)>();
        for (var i = 0; i < 3; i++)
            answers.Add(await SendAsync(client, query, new JsonObject { ["f"] = null }));

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(200, answers[0].Status);
        // The same as GraphQL.NET answers without the direct path.
        await using var engineOnly = new ApiFactory().With("GraphQLHttp:DirectExecution", "false");
        Assert.Equal(answers[0], await SendAsync(engineOnly.CreateClient(), query, new JsonObject { ["f"] = null }));
        var json = JsonNode.Parse(answers[0].Body)!;
        Assert.Null(json["errors"]);
        var data = json["data"]!;
        var list = field switch
        {
            "searchActors" => data[field]!["nodes"]!.AsArray(),
            "collaborators" or "knownFor" => data["actor"]![field]!.AsArray(),
            _ => data["movie"]![field]!.AsArray(),
        };
        if (expected >= 0)
            Assert.Equal(expected, list.Count);
        else
            Assert.True(list.Count > 2); // no default: all of the cast
    }

    [Fact]
    public async Task Errors_of_several_failing_root_fields_always_come_in_path_order()
    {
        await using var api = new ApiFactory().With("Caching:ResultCache", "false");
        var client = new GraphQLClient(api.CreateClient());
        // Errors the resolvers raise (unknown ids, ids that are not global ids): out-of-range arguments are refused while
        // validating, before any resolver runs.
        const string query = """
            { h: compareActors(tmdbIds: [287, 999999998]) { actors { name } } d: node(id: "x") { id } c: compareActors(tmdbIds: [999999996, 287]) { actors { name } }
              f: compareActors(tmdbIds: [999999997, 819]) { actors { name } }
              b: node(id: "y") { id } a: compareMovies(tmdbIds: [550, 999999995]) { movies { title } } e: actor(tmdbId: 287) { name } }
            """;

        var orders = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            var response = await client.PostAsync(query);
            Assert.Equal(200, response.Status);
            orders.Add(string.Join(",", response.Errors!.Select(e => e!["path"]![0]!.GetValue<string>())));
        }

        Assert.Equal(["a,b,c,d,f,h"], orders);
    }

    private static async Task<(int Status, string? ContentType, string Body)> SendAsync(HttpClient client, string query, JsonObject variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables }) };
        request.Headers.TryAddWithoutValidation("Accept", "application/graphql-response+json");
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }
}
