using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Http;
using ActorSync.GraphQL.Schema;
using ActorSync.GraphQL.Security;
using ActorSync.GraphQL.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Http;

/// <summary>
/// How /graphql and /graphql/ answer browsers (Banana Cake Pop) and GraphQL clients, through the in-memory pipeline.
/// The IDE's files come from a small stand-in folder, so these tests need neither npm nor a browser; the browser test
/// runs the real IDE.
/// </summary>
public sealed class BananaCakePopRoutingTests : IDisposable
{
    /// <summary>What Chromium sends when a user opens a URL.</summary>
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private const string HashedScript = "static/js/main.0123abcd.js";
    private const string IndexHtml = "<!doctype html><title>stand-in IDE</title><script src=\"" + HashedScript + "\"></script>";

    private readonly string _assets = Directory.CreateTempSubdirectory("actorsync-bcp-").FullName;
    private readonly ApiFactory _factory;
    private readonly HttpClient _http;

    public BananaCakePopRoutingTests()
    {
        Directory.CreateDirectory(Path.Combine(_assets, "static", "js"));
        File.WriteAllText(Path.Combine(_assets, "index.html"), IndexHtml);
        File.WriteAllText(Path.Combine(_assets, HashedScript), "console.log('ide');");
        File.WriteAllText(Path.Combine(_assets, "favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        _factory = new ApiFactory().With(BananaCakePop.AssetsPathKey, _assets);
        _http = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public void Dispose()
    {
        _http.Dispose();
        _factory.Dispose();
        Directory.Delete(_assets, recursive: true);
    }

    // --- /graphql for browsers ------------------------------------------------------------------------------

    [Fact]
    public async Task A_browser_opening_graphql_is_redirected_to_graphql_with_a_slash()
    {
        using var response = await GetAsync("/graphql", BrowserAccept);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/graphql/", response.Headers.Location?.OriginalString);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task The_redirect_keeps_the_query_string()
    {
        using var response = await GetAsync("/graphql?workspace=1", BrowserAccept);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/graphql/?workspace=1", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_browser_opening_graphql_with_a_slash_gets_the_ide_page()
    {
        using var response = await GetAsync("/graphql/", BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.True(response.Headers.CacheControl?.NoCache, "index.html names the current hashed files, so it must be revalidated.");
        Assert.Equal(IndexHtml, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/json")]
    [InlineData(null)]
    public async Task A_get_of_graphql_that_does_not_ask_for_html_is_still_a_graphql_request(string? accept)
    {
        using var response = await GetAsync("/graphql", accept);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("BAD_REQUEST", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_browser_get_with_a_query_parameter_runs_the_query_instead_of_opening_the_ide()
    {
        using var response = await GetAsync("/graphql?query=" + Uri.EscapeDataString("{ __typename }"), BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Query", body["data"]!["__typename"]!.GetValue<string>());
    }

    // --- the IDE's files and configuration ------------------------------------------------------------------

    [Fact]
    public async Task Hashed_files_are_served_with_their_content_type_and_cached_for_a_year()
    {
        using var response = await GetAsync("/graphql/" + HashedScript, "*/*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Contains("immutable", response.Headers.CacheControl?.Extensions.Select(e => e.Name) ?? []);
        Assert.Equal("console.log('ide');", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unhashed_files_are_revalidated_and_answer_304_when_unchanged()
    {
        using var first = await GetAsync("/graphql/favicon.svg", "*/*");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/svg+xml", first.Content.Headers.ContentType?.ToString());
        Assert.True(first.Headers.CacheControl?.NoCache);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql/favicon.svg");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task The_ide_and_its_scripts_run_under_the_ide_content_security_policy_and_api_answers_keep_the_strict_one()
    {
        // Service worker and web worker scripts are not HTML, but they run under the policy they arrive with.
        using var script = await GetAsync("/graphql/" + HashedScript, "*/*");
        using var page = await GetAsync("/graphql/", BrowserAccept);
        using var answer = await GetAsync("/graphql?query=" + Uri.EscapeDataString("{ __typename }"), "application/json");

        Assert.Equal(HttpSecurity.IdeContentSecurityPolicy, script.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpSecurity.IdeContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpSecurity.ApiContentSecurityPolicy, answer.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("/graphql/missing.js")]
    [InlineData("/graphql/static")]
    [InlineData("/graphql/..%2F..%2Fappsettings.json")]
    [InlineData("/graphql/%2E%2E/%2E%2E/appsettings.json")]
    public async Task Anything_but_a_file_of_the_ide_is_404(string path)
    {
        using var response = await GetAsync(path, "*/*");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_ide_configuration_tells_it_to_use_the_page_url_as_its_endpoint()
    {
        using var response = await GetAsync("/graphql/bcp-config.json", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var config = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(config["useBrowserUrlAsEndpoint"]!.GetValue<bool>());
        Assert.Equal("ActorSync", config["title"]!.GetValue<string>());
        Assert.Equal(["useBrowserUrlAsEndpoint", "title"], config.Select(p => p.Key));
    }

    [Fact]
    public async Task Without_the_ide_files_the_page_explains_how_to_install_them()
    {
        using var factory = new ApiFactory().With(BananaCakePop.AssetsPathKey, Path.Combine(_assets, "not-installed"));
        using var http = factory.CreateClient();

        using var page = await GetAsync(http, "/graphql/", BrowserAccept);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", page.Content.Headers.ContentType?.ToString());
        var text = await page.Content.ReadAsStringAsync();
        Assert.Contains("not installed", text);
        Assert.Contains("npm", text);
        Assert.Contains("@chillicream/bananacakepop-graphql-ide", text);
        Assert.Contains(factory.Logs.Lines, line => line.Contains("Banana Cake Pop is not served", StringComparison.Ordinal));

        // The API itself is unaffected.
        using var query = await GetAsync(http, "/graphql?query=" + Uri.EscapeDataString("{ __typename }"), "application/json");
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
    }

    // --- SDL and GraphQL at /graphql/ -----------------------------------------------------------------------

    [Theory]
    [InlineData("/graphql?sdl")]
    [InlineData("/graphql/?sdl")]
    public async Task Get_with_sdl_answers_the_schema_as_text(string path)
    {
        using var response = await GetAsync(path, BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var sdl = await response.Content.ReadAsStringAsync();
        Assert.Contains("type Query", sdl);
        // The printed form schema.graphql holds, so the two can be diffed.
        Assert.Equal(SchemaSdl.Print(_factory.Services.GetRequiredService<ActorSyncSchema>()), sdl);
    }

    [Fact]
    public async Task Post_to_graphql_with_a_slash_runs_the_query()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql/")
        {
            Content = JsonContent.Create(new { query = "{ compareActors(tmdbIds: [287, 819]) { sharedMovies { movie { title } } } }" }),
        };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/graphql-response+json"));
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/graphql-response+json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Null(body["errors"]);
        var titles = body["data"]!["compareActors"]!["sharedMovies"]!.AsArray().Select(m => m!["movie"]!["title"]!.GetValue<string>());
        Assert.Contains("Fight Club", titles);
    }

    [Fact]
    public async Task Get_of_graphql_with_a_slash_and_a_query_parameter_runs_the_query()
    {
        using var response = await GetAsync("/graphql/?query=" + Uri.EscapeDataString("{ __typename }"), "application/graphql-response+json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Query", body["data"]!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Other_methods_on_graphql_keep_their_graphql_answer()
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/graphql"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow);
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? accept) => GetAsync(_http, path, accept);

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return await http.SendAsync(request);
    }
}
