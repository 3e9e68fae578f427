using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Observability;

public sealed class RequestFiguresTests
{
    private static async Task<(HttpResponseMessage Response, JsonNode Json)> PostAsync(HttpClient http, string query, bool withFigures)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (withFigures)
            request.Headers.Add("ActorSync-Figures", "include");
        var response = await http.SendAsync(request);
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task The_figures_header_adds_duration_cache_and_tmdb_figures_to_the_extensions()
    {
        await using var factory = new ApiFactory();
        var (_, json) = await PostAsync(factory.CreateClient(), "{ compareActors(tmdbIds: [287, 819]) { sharedMovies { movie { title } } } }", withFigures: true);

        var figures = json["extensions"]!["figures"]!;
        Assert.True(figures["durationMs"]!.GetValue<double>() > 0);
        Assert.Equal(0, figures["cacheHits"]!.GetValue<int>());
        Assert.Equal(2, figures["cacheMisses"]!.GetValue<int>());
        Assert.Equal(2, figures["tmdbCalls"]!.GetValue<int>());
        Assert.NotNull(json["data"]!["compareActors"]);
    }

    [Fact]
    public async Task Without_the_header_the_response_has_no_figures()
    {
        await using var factory = new ApiFactory();
        var (_, json) = await PostAsync(factory.CreateClient(), "{ actor(tmdbId: 287) { name } }", withFigures: false);

        Assert.Null(json["extensions"]?["figures"]);
    }

    [Fact]
    public async Task An_answer_with_figures_is_neither_served_from_nor_stored_in_the_result_cache()
    {
        await using var factory = new ApiFactory();
        var http = factory.CreateClient();
        const string query = "{ actor(tmdbId: 287) { name } }";
        var (plain, _) = await PostAsync(http, query, withFigures: false);
        Assert.Equal("miss", plain.Headers.GetValues("X-Result-Cache").Single());

        var (measured, json) = await PostAsync(http, query, withFigures: true);
        Assert.False(measured.Headers.Contains("X-Result-Cache"));
        var figures = json["extensions"]!["figures"]!;
        Assert.Equal(1, figures["cacheHits"]!.GetValue<int>());
        Assert.Equal(0, figures["tmdbCalls"]!.GetValue<int>());

        var (again, againJson) = await PostAsync(http, query, withFigures: false);
        Assert.Equal("hit", again.Headers.GetValues("X-Result-Cache").Single());
        Assert.Null(againJson["extensions"]?["figures"]);
    }

    [Fact]
    public async Task A_get_answer_with_figures_is_not_cacheable_by_browsers()
    {
        await using var factory = new ApiFactory();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ movie(tmdbId: 603) { title } }"));
        request.Headers.Add("ActorSync-Figures", "include");
        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["extensions"]!["figures"]);
    }
}
