using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Security;

public sealed class CostAnalysisTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<(int Status, JsonNode Json)> PostAsync(string query, string? costHeader = "report")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.TryAddWithoutValidation("Accept", "application/graphql-response+json");
        if (costHeader is not null)
            request.Headers.TryAddWithoutValidation("GraphQL-Cost", costHeader);
        using var response = await factory.CreateClient().SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    // Figures by the cost model: a field costs 1, a TMDB-backed field 10; lists multiply their children
    // by `first`, by the ids given, or by their stated size (credits 50, cast 30, roles 3…).
    [Theory]
    [InlineData("{ actor(tmdbId: 287) { name } }", 11)]                                          // actor 10 + name 1
    [InlineData("{ actor(tmdbId: 287) { credits { movie { title } } } }", 120)]                  // 10 + credits 10 + 50 × (movie 1 + title 1)
    [InlineData("{ actor(tmdbId: 287) { credits { movie { title runtime } } } }", 620)]          // … + 50 × runtime 10
    [InlineData("{ actors(tmdbIds: [1, 2, 3]) { name } }", 33)]                                  // 3 people × 10 + 3 × name
    [InlineData("{ searchActors(query: \"tom\", first: 25) { nodes { name } } }", 70)]           // 2 pages × 10 + 25 × (nodes 1 + name 1)
    [InlineData("{ compareActors(tmdbIds: [287, 819]) { sharedMovies { roles { character } } } }", 61)] // 2 × 10 + 1 + 10 × (roles 1 + 3 × character 1)
    [InlineData("{ __schema { types { name fields { name } } } }", 0)]                           // introspection is free
    public async Task Representative_queries_cost_what_the_model_says(string query, double cost)
    {
        var (status, json) = await PostAsync(query);
        Assert.Equal(200, status);
        Assert.Equal(cost, json["extensions"]!["cost"]!["cost"]!.GetValue<double>());
        Assert.Equal(10_000, json["extensions"]!["cost"]!["maxCost"]!.GetValue<double>());
    }

    [Fact]
    public async Task Validate_measures_the_cost_without_executing()
    {
        var (status, json) = await PostAsync("{ actor(tmdbId: 287) { credits { movie { title } } } }", "validate");
        Assert.Equal(200, status);
        Assert.False(json.AsObject().ContainsKey("data"));
        Assert.False(json.AsObject().ContainsKey("errors"));
        Assert.Equal(120, json["extensions"]!["cost"]!["cost"]!.GetValue<double>());
    }

    [Fact]
    public async Task Without_the_header_no_cost_is_reported()
    {
        var (_, json) = await PostAsync("{ actor(tmdbId: 287) { name } }", costHeader: null);
        Assert.Null(json["extensions"]);
    }

    [Fact]
    public async Task An_operation_over_the_cost_limit_is_refused_before_execution_with_the_figures()
    {
        // 50 credits × 30 cast × 50 credits of each co-star: far over 10,000.
        var (status, json) = await PostAsync("{ actor(tmdbId: 287) { credits { movie { cast { actor { credits { movie { title } } } } } } } }", costHeader: null);
        Assert.Equal(400, status);
        Assert.False(json.AsObject().ContainsKey("data"));
        var error = json["errors"]![0]!["extensions"]!;
        Assert.Equal("QUERY_TOO_COMPLEX", error["code"]!.GetValue<string>());
        Assert.True(error["cost"]!.GetValue<double>() > 10_000);
        Assert.Equal(10_000, error["limit"]!.GetValue<double>());
    }

    [Fact]
    public async Task The_cost_limit_is_a_boundary_just_under_passes_just_over_fails()
    {
        await using var tight = new ApiFactory().With("QueryLimits:MaxCost", "620");
        var client = new GraphQLClient(tight.CreateClient());
        Assert.Null((await client.PostAsync("{ actor(tmdbId: 287) { credits { movie { title runtime } } } }")).Errors);
        Assert.Equal("QUERY_TOO_COMPLEX", (await client.PostAsync("{ actor(tmdbId: 287) { credits { movie { title runtime } } name } }")).FirstCode);
    }

    [Fact]
    public async Task A_repeated_operation_keeps_its_cost_per_variables_and_one_over_the_limit_is_refused_every_time()
    {
        // The cost of an operation run before with the same variables is remembered, not measured again: the request
        // log shows which cost each request was held to.
        await using var api = new ApiFactory().With("QueryLimits:MaxCost", "100").With("Caching:ResultCache", "false");
        var client = new GraphQLClient(api.CreateClient());
        const string query = "query Many($ids: [Int!]!) { actors(tmdbIds: $ids) { name } }"; // 11 per id
        for (var round = 0; round < 3; round++)
        {
            Assert.Null((await client.PostAsync(query, new { ids = new[] { 287, 819 } })).Errors);
            Assert.Null((await client.PostAsync(query, new { ids = new[] { 287, 819, 1245 } })).Errors);
            Assert.Equal("QUERY_TOO_COMPLEX", (await client.PostAsync(query, new { ids = Enumerable.Range(1, 10).ToArray() })).FirstCode);
        }

        var costs = api.Logs.Lines.Where(line => line.Contains("Operation=Many", StringComparison.Ordinal))
            .Select(line => Regex.Match(line, @"Cost=(\d+)").Groups[1].Value).ToArray();
        Assert.Equal(["22", "33", "110", "22", "33", "110", "22", "33", "110"], costs);
    }

    [Fact]
    public async Task Too_deep_an_operation_is_refused_with_depth_and_limit()
    {
        await using var shallow = new ApiFactory().With("QueryLimits:MaxDepth", "4");
        var response = await new GraphQLClient(shallow.CreateClient()).PostAsync("{ actor(tmdbId: 287) { credits { movie { cast(first: 1) { actor { name } } } } } }");
        Assert.Equal("QUERY_TOO_COMPLEX", response.FirstCode);
        Assert.Equal(4, response.Errors![0]!["extensions"]!["limit"]!.GetValue<int>());
        Assert.True(response.Errors![0]!["extensions"]!["depth"]!.GetValue<int>() > 4);
    }

    private static readonly string[] ActorScalars =
        ["biography", "birthday", "deathday", "gender", "id", "knownForDepartment", "name", "placeOfBirth", "popularity", "tmdbId", "tmdbUrl", "__typename"];

    [Theory]
    [InlineData(101, "aliases")]
    [InlineData(600, "fields")]
    public async Task Alias_bombs_and_huge_selections_are_refused_before_validation(int count, string measure)
    {
        var selections = measure == "aliases"
            ? string.Join(" ", Enumerable.Range(0, count).Select(i => $"a{i}: __typename"))
            // Twelve names, each at most 50 times: the same name over 50 times is refused by a limit of its own.
            : "actor(tmdbId: 287) { " + string.Join(" ", Enumerable.Range(0, count).Select(i => ActorScalars[i % ActorScalars.Length])) + " }";
        var response = await new GraphQLClient(factory.CreateClient()).PostAsync("{ " + selections + " }");
        Assert.Equal("QUERY_TOO_COMPLEX", response.FirstCode);
        Assert.NotNull(response.Errors![0]!["extensions"]![measure]);
        Assert.Equal(400, response.Status);
    }

    [Fact]
    public async Task Introspection_can_be_switched_off()
    {
        await using var closed = new ApiFactory().With("QueryLimits:Introspection", "false");
        var client = new GraphQLClient(closed.CreateClient());
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", (await client.PostAsync("{ __schema { queryType { name } } }")).FirstCode);
        Assert.Null((await client.PostAsync("{ actor(tmdbId: 287) { name } }")).Errors);
    }
}
