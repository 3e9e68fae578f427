using System.Net.Http.Headers;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;

namespace ActorSync.GraphQL.Tests.Caching;

/// <summary>The operation result cache and the Cache-Control it implies, in live mode against the TMDB emulator.</summary>
public sealed class ResultCacheTests : IAsyncLifetime
{
    private TmdbEmulator _tmdb = null!;
    private ApiFactory _factory = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _tmdb = await TmdbEmulator.StartAsync();
        _factory = new ApiFactory()
            .Live(_tmdb.BaseUrl, _tmdb.ApiKey);
        _http = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _tmdb.DisposeAsync();
    }

    private async Task<HttpResponseMessage> GetAsync(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(query));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/graphql-response+json"));
        return await _http.SendAsync(request);
    }

    private static string CacheControl(HttpResponseMessage response) => response.Headers.CacheControl?.ToString() ?? "";

    private static string? ResultCacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Result-Cache", out var values) ? values.Single() : null;

    [Theory]
    [InlineData("{ actor(tmdbId: 287) { name credits { movie { title } } } }", 86400)]
    [InlineData("{ actor(tmdbId: 287) { credits { movie { title runtime } } } }", 3600)]
    [InlineData("{ compareMovies(tmdbIds: [603, 604]) { sharedCast { actor { name } } } }", 3600)]
    [InlineData("{ searchActors(query: \"brad\") { nodes { name } } actor(tmdbId: 287) { name } }", 1800)]
    [InlineData("query Q { ...F } fragment F on Query { movie(tmdbId: 603) { title } }", 3600)]
    public async Task A_get_query_is_publicly_cacheable_for_its_shortest_field_hint(string query, int maxAge)
    {
        using var response = await GetAsync(query);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal($"public, max-age={maxAge}", CacheControl(response));
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task A_repeated_query_is_answered_from_the_result_cache_without_tmdb()
    {
        const string query = "{ compareActors(tmdbIds: [287, 819]) { sharedMovies { movie { title runtime } } } }";
        using var first = await GetAsync(query);
        var calls = _tmdb.TotalCalls;
        // The same operation written differently (spacing, a comment) is the same operation.
        using var second = await GetAsync("{compareActors(tmdbIds:[287,819]){sharedMovies{movie{title runtime}}}} # again");

        Assert.Equal("miss", ResultCacheStatus(first));
        Assert.Equal("hit", ResultCacheStatus(second));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(calls, _tmdb.TotalCalls);
        Assert.True(calls > 0);
    }

    [Fact]
    public async Task Different_variables_are_different_operations()
    {
        const string query = "query($id: Int!) { actor(tmdbId: $id) { name } }";
        var client = new GraphQLClient(_http);
        var brad = await client.DataAsync(query, new { id = 287 });
        var edward = await client.DataAsync(query, new { id = 819 });
        Assert.NotEqual(brad.ToJsonString(), edward.ToJsonString());
    }

    [Theory]
    [InlineData("{ __schema { queryType { name } } }")]
    [InlineData("{ __typename }")]
    [InlineData("{ actor(tmdbId: 0) { name } }")]
    [InlineData("{ compareActors(tmdbIds: [287, 999999999]) { actors { name } } }")]
    [InlineData("{ nope }")]
    public async Task Introspection_errors_and_answers_without_tmdb_data_are_not_cacheable(string query)
    {
        using var response = await GetAsync(query);
        Assert.Equal("no-store", CacheControl(response));
        using var again = await GetAsync(query);
        Assert.NotEqual("hit", ResultCacheStatus(again));
    }

    [Fact]
    public async Task A_post_answer_is_reused_by_the_server_but_not_offered_to_http_caches()
    {
        var client = new GraphQLClient(_http);
        await client.DataAsync("{ movie(tmdbId: 550) { title } }");
        var calls = _tmdb.TotalCalls;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ movie(tmdbId: 550) { title } }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request);

        Assert.Equal("hit", ResultCacheStatus(response));
        Assert.Equal("no-store", CacheControl(response));
        Assert.Equal(calls, _tmdb.TotalCalls);
    }

    [Fact]
    public async Task A_failed_answer_is_not_stored()
    {
        _tmdb.FailAlways(503, "/3/movie/680");
        var client = new GraphQLClient(_http);
        var failed = await client.PostAsync("{ movie(tmdbId: 680) { title } }");
        Assert.Equal("UPSTREAM_UNAVAILABLE", failed.FirstCode);

        _tmdb.Heal();
        var healed = await client.DataAsync("{ movie(tmdbId: 680) { title } }");
        Assert.Equal(SnapshotOracle.Instance.Movies[680].Title, healed["movie"]!["title"]!.GetValue<string>());
    }
}
