using System.Net;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Http;

/// <summary>
/// A GET carries its document in the URL: every document POST accepts (up to the 64 KiB document limit) goes through
/// real Kestrel, whose request line would otherwise stop at 8 KiB with an empty 414.
/// </summary>
public sealed class LongGetTests : IAsyncLifetime
{
    private readonly KestrelApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string query)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_factory.GraphQLUri, "?query=" + Uri.EscapeDataString(query)));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task A_document_near_the_64_kib_limit_is_answered_over_get()
    {
        // 60,000 characters of comment, each percent-encoded to 3 bytes in the URL: 180 KB of request line.
        var query = "# " + new string('#', 60_000) + "\n{ actor(tmdbId: 287) { name } }";

        var (status, body) = await GetAsync(query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Brad Pitt", body?["data"]?["actor"]?["name"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_document_over_the_limit_gets_a_json_error_over_get_too()
    {
        var query = "# " + new string('a', 70_000) + "\n{ actor(tmdbId: 287) { name } }";

        var (status, body) = await GetAsync(query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("QUERY_TOO_COMPLEX", body?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        Assert.Equal(64 * 1024, body?["errors"]?[0]?["extensions"]?["limit"]?.GetValue<int>());
    }

    [Fact]
    public async Task A_url_over_what_get_takes_gets_a_json_414_that_says_to_use_post()
    {
        // 100,000 characters percent-encoded to 300 KB: over the 256 KiB GET takes, under Kestrel's own bound.
        var query = "{ actor(tmdbId: 287) { name } } #" + new string('#', 100_000);

        var (status, body) = await GetAsync(query);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, status);
        var error = body?["errors"]?[0];
        Assert.Equal("PAYLOAD_TOO_LARGE", error?["extensions"]?["code"]?.GetValue<string>());
        Assert.Equal(256 * 1024, error?["extensions"]?["limit"]?.GetValue<int>());
        Assert.Contains("POST", error?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_url_past_kestrels_bound_is_closed_with_kestrels_empty_414()
    {
        // Kestrel answers such a request line itself, before any application code: nothing else is possible there.
        var query = "{ actor(tmdbId: 287) { name } } #" + new string('#', 200_000);

        var (status, body) = await GetAsync(query);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, status);
        Assert.Null(body);
    }
}
