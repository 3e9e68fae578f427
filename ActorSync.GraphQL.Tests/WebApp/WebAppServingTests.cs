using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Persisted;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.GraphQL.WebApp;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.WebApp;

/// <summary>
/// How the API serves the web app, through the in-memory pipeline with a stand-in build of the app (so these tests
/// need no npm); the end-to-end suite (ActorSync.Web/e2e) runs the real app in a browser.
/// </summary>
public sealed class WebAppServingTests : IDisposable
{
    private const string Script = "assets/index-AbC123xy.js";
    private const string ScriptText = "console.log('the app');";
    private const string Page = "<!doctype html><title>stand-in app</title><script type=\"module\" src=\"/" + Script + "\"></script>";
    private const string Document = "query StandIn { __typename }";

    private readonly string _dist = Directory.CreateTempSubdirectory("actorsync-web-").FullName;

    public WebAppServingTests()
    {
        Directory.CreateDirectory(Path.Combine(_dist, "assets"));
        File.WriteAllText(Path.Combine(_dist, "index.html"), Page);
        File.WriteAllText(Path.Combine(_dist, "favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        WriteWithVariants(Path.Combine(_dist, Script), ScriptText);
        File.WriteAllText(Path.Combine(_dist, WebAppFiles.ManifestFile),
            JsonSerializer.Serialize(new Dictionary<string, string> { [PersistedOperations.Id(Document)] = Document }));
    }

    public void Dispose() => Directory.Delete(_dist, recursive: true);

    private static void WriteWithVariants(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        File.WriteAllBytes(path, bytes);
        using (var gzip = new GZipStream(File.Create(path + ".gz"), CompressionLevel.SmallestSize))
            gzip.Write(bytes);
        using (var brotli = new BrotliStream(File.Create(path + ".br"), CompressionLevel.SmallestSize))
            brotli.Write(bytes);
    }

    private WebApplicationFactory<Program> Factory(string dist, ApiFactory? api = null) =>
        (api ?? new ApiFactory()).WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton(new WebAppFiles(dist))));

    private static HttpClient Client(WebApplicationFactory<Program> factory)
    {
        // No automatic decompression: the tests read Content-Encoding and the bytes as sent.
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptEncoding.Clear();
        return client;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?actors=287,819")]
    [InlineData("/?actor1_id=287&actor2_id=819")]
    [InlineData("/movies")]
    [InlineData("/movies?movie1_id=603&movie2_id=604")]
    [InlineData("/path?from=4724&to=1932")]
    public async Task Each_screen_of_the_app_gets_its_page_revalidated_on_every_visit(string url)
    {
        await using var factory = Factory(_dist);
        using var http = Client(factory);

        using var response = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal(Page, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_carries_a_policy_allowing_only_this_origin_and_TMDB_images()
    {
        await using var factory = Factory(_dist);
        using var http = Client(factory);

        using var response = await http.GetAsync("/movies");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var directives = policy.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("style-src 'self'", directives["style-src"]);
        Assert.Equal("img-src 'self' https://image.tmdb.org", directives["img-src"]);
        Assert.Equal("connect-src 'self'", directives["connect-src"]);
        Assert.Equal("default-src 'none'", directives["default-src"]);
    }

    [Fact]
    public async Task The_image_host_in_the_policy_follows_the_configured_image_base_url()
    {
        await using var factory = Factory(_dist, new ApiFactory().With("TMDB_IMAGE_BASE_URL", "https://images.example.org/t/p/"));
        using var http = Client(factory);

        using var response = await http.GetAsync("/");

        Assert.Contains("img-src 'self' https://images.example.org;", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Fingerprinted_assets_are_cached_for_a_year_as_immutable()
    {
        await using var factory = Factory(_dist);
        using var http = Client(factory);

        using var response = await http.GetAsync("/" + Script);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(ScriptText, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip, deflate, br;q=0", "gzip")]
    [InlineData("gzip", "gzip")]
    [InlineData("*", "br")]
    [InlineData("identity", null)]
    public async Task Precompressed_variants_are_sent_by_Accept_Encoding(string acceptEncoding, string? expected)
    {
        await using var factory = Factory(_dist);
        using var http = Client(factory);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + Script);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);

        using var response = await http.SendAsync(request);

        Assert.Equal(expected is null ? [] : [expected], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var body = await response.Content.ReadAsByteArrayAsync();
        Stream decoded = expected switch
        {
            "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            _ => new MemoryStream(body),
        };
        using var reader = new StreamReader(decoded);
        Assert.Equal(ScriptText, await reader.ReadToEndAsync());
    }

    [Theory]
    [InlineData("/assets/missing-123.js")]
    [InlineData("/assets/../index.html")]
    [InlineData("/assets/%2e%2e/persisted-documents.json")]
    [InlineData("/persisted-documents.json")]
    public async Task Files_outside_the_assets_are_not_served(string url)
    {
        await using var factory = Factory(_dist);
        using var http = Client(factory);

        using var response = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_API_health_and_IDE_routes_are_not_taken_by_the_app()
    {
        await using var factory = Factory(_dist);
        using var http = Client(factory);

        using var health = await http.GetAsync("/health/simple");
        using var graphql = await http.GetAsync("/graphql?query=%7B__typename%7D");

        Assert.Equal("application/json", health.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"data\":{\"__typename\":\"Query\"}}", await graphql.Content.ReadAsStringAsync());
        Assert.DoesNotContain("stand-in app", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_apps_operations_run_when_only_persisted_operations_are_allowed()
    {
        await using var factory = Factory(_dist, new ApiFactory().With("PersistedOperations:OnlyPersisted", "true"));
        using var http = Client(factory);

        using var byId = await http.PostAsJsonAsync("/graphql", new { documentId = PersistedOperations.Id(Document) });
        using var byText = await http.PostAsJsonAsync("/graphql", new { query = Document });

        Assert.Equal("Query", JsonNode.Parse(await byId.Content.ReadAsStringAsync())?["data"]?["__typename"]?.GetValue<string>());
        Assert.Contains(PersistedOperations.Required, await byText.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_built_app_the_page_says_how_to_get_it()
    {
        var empty = Directory.CreateTempSubdirectory("actorsync-web-none-").FullName;
        try
        {
            await using var factory = Factory(empty);
            using var http = Client(factory);

            using var response = await http.GetAsync("/?actors=287,819");
            using var graphql = await http.GetAsync("/graphql?query=%7B__typename%7D");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Contains("npm", text);
            Assert.Contains("dotnet build", text);
            Assert.Equal(HttpStatusCode.OK, graphql.StatusCode);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task A_304_answers_a_page_the_browser_already_has()
    {
        await using var factory = Factory(_dist);
        using var http = Client(factory);
        using var first = await http.GetAsync("/");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/")]
    [InlineData("PUT", "/movies")]
    [InlineData("DELETE", "/assets/index-AbC123xy.js")]
    public async Task Other_methods_on_the_apps_paths_get_the_404_they_got_before_the_app(string method, string url)
    {
        await using var factory = Factory(_dist);
        using var http = Client(factory);

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
