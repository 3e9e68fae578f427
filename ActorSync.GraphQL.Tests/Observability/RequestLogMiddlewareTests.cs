using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Observability;

public sealed class RequestLogMiddlewareTests
{
    private const string Category = "ActorSync.GraphQL.Observability.RequestLogMiddleware";

    private static string[] RequestLines(ApiFactory factory) =>
        factory.Logs.Lines.Where(line => line.StartsWith($"Information {Category}:", StringComparison.Ordinal)).ToArray();

    [Fact]
    public async Task A_GraphQL_request_writes_one_line_with_method_path_status_duration_operation_cache_and_tmdb_figures()
    {
        await using var factory = new ApiFactory();
        await new GraphQLClient(factory.CreateClient()).DataAsync("query OneActor { actor(tmdbId: 287) { name } }");

        var line = Assert.Single(RequestLines(factory));
        Assert.Contains("Method=POST", line);
        Assert.Contains("Path=/graphql", line);
        Assert.Contains("Status=200", line);
        Assert.Matches(@"DurationMs=\d+(\.\d+)? ", line);
        Assert.Contains("Operation=OneActor", line);
        Assert.Contains("CacheHits=0", line);
        Assert.Contains("CacheMisses=1", line);
        Assert.Contains("TmdbCalls=1", line);
        Assert.Contains("TmdbFailures=0", line);
        Assert.Matches(@"Cost=\d+(\.\d+)? ", line);
    }

    [Fact]
    public async Task A_warm_request_logs_its_cache_hits_and_no_tmdb_calls()
    {
        await using var factory = new ApiFactory();
        var client = new GraphQLClient(factory.CreateClient());
        await client.DataAsync("query Cold { actor(tmdbId: 819) { name } }");
        await client.DataAsync("query Warm { actor(tmdbId: 819) { name popularity } }");

        var warm = Assert.Single(RequestLines(factory), line => line.Contains("Operation=Warm", StringComparison.Ordinal));
        Assert.Contains("CacheHits=1", warm);
        Assert.Contains("CacheMisses=0", warm);
        Assert.Contains("TmdbCalls=0", warm);
    }

    [Fact]
    public async Task Anonymous_operations_unparsable_documents_and_get_requests_are_logged_too()
    {
        await using var factory = new ApiFactory();
        var http = factory.CreateClient();
        var client = new GraphQLClient(http);
        await client.DataAsync("{ movie(tmdbId: 603) { title } }");
        await client.PostAsync("{ movie(");
        using var get = await http.GetAsync("/graphql?query=" + Uri.EscapeDataString("query ByGet { movie(tmdbId: 604) { title } }"));

        var lines = RequestLines(factory);
        Assert.Equal(3, lines.Length);
        Assert.Contains("Operation=(anonymous)", lines[0]);
        Assert.Contains("Operation=-", lines[1]);
        Assert.Contains("Status=400", lines[1]);
        Assert.Contains("Method=GET", lines[2]);
        Assert.Contains("Operation=ByGet", lines[2]);
    }

    [Fact]
    public async Task A_batch_logs_one_line_naming_every_operation()
    {
        await using var factory = new ApiFactory();
        using var response = await factory.CreateClient().PostAsJsonAsync("/graphql", new[]
        {
            new { query = "query First { actor(tmdbId: 287) { name } }" },
            new { query = "query Second { movie(tmdbId: 603) { title } }" },
        });
        response.EnsureSuccessStatusCode();

        var line = Assert.Single(RequestLines(factory));
        Assert.Contains("Operation=First,Second", line);
        Assert.Contains("TmdbCalls=2", line);
    }

    [Fact]
    public async Task The_logged_cost_is_the_cost_analysis_figure_and_is_left_out_when_nothing_ran()
    {
        await using var factory = new ApiFactory();
        var http = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = "query Costly { compareActors(tmdbIds: [287, 819]) { sharedMovies { movie { title } } } }" }),
        };
        request.Headers.Add("GraphQL-Cost", "report");
        using var response = await http.SendAsync(request);
        var reported = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["extensions"]!["cost"]!["cost"]!.GetValue<double>();
        await new GraphQLClient(http).PostAsync("{ movie(");

        var lines = RequestLines(factory);
        Assert.Contains($"Cost={reported.ToString(CultureInfo.InvariantCulture)} ", lines[0]);
        Assert.DoesNotContain("Cost=", lines[1]);
    }

    [Fact]
    public async Task Health_checks_the_IDE_page_the_SDL_and_other_paths_write_no_request_line()
    {
        await using var factory = new ApiFactory();
        var http = factory.CreateClient();
        (await http.GetAsync("/health/simple")).EnsureSuccessStatusCode();
        await http.GetAsync("/nowhere");
        await http.GetAsync("/graphql?sdl");
        using var ide = new HttpRequestMessage(HttpMethod.Get, "/graphql/");
        ide.Headers.Accept.ParseAdd("text/html");
        await http.SendAsync(ide);

        Assert.Empty(RequestLines(factory));
    }
}
