using System.Text.Json.Nodes;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Http;

/// <summary>
/// POST bodies that go wrong at the HTTP level, over a real Kestrel socket: a body that stalls is 408
/// <c>REQUEST_TIMEOUT</c>, one cut short or malformed is 400 <c>BAD_REQUEST</c>, each with a GraphQL JSON error
/// (they once reached the error handler as a 500).
/// </summary>
public sealed class RequestBodyTests : IDisposable
{
    private const string Twenty = "{\"query\": \"{ __typen";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly KestrelApiFactory _bounded = new KestrelApiFactory().With("GraphQLHttp:BodyReadTimeout", "00:00:01");
    private readonly KestrelApiFactory _defaults = new();

    public void Dispose()
    {
        _bounded.Dispose();
        _defaults.Dispose();
    }

    [Fact]
    public async Task A_body_that_stalls_is_answered_408_request_timeout_once_the_configured_bound_passes()
    {
        var answer = await RawHttp.Post(1000).Send(Twenty).Pause(TimeSpan.FromSeconds(10)).SendAsync(_bounded.BaseAddress, Patience);

        AssertError(answer, 408, ErrorCodes.RequestTimeout);
        Assert.Contains("20 of 1000 bytes", answer.Body);
        Assert.True(answer.Elapsed < TimeSpan.FromSeconds(5), answer.ToString());
    }

    [Fact]
    public async Task A_body_that_stalls_under_the_default_settings_is_answered_408_when_kestrels_minimum_data_rate_gives_up()
    {
        // The report's case: Content-Length 1000, 20 bytes, then nothing. Kestrel's data rate (240 bytes/s after a
        // 5 s grace) ends it before the 10 s default bound.
        var answer = await RawHttp.Post(1000).Send(Twenty).Pause(TimeSpan.FromSeconds(12)).SendAsync(_defaults.BaseAddress, Patience);

        AssertError(answer, 408, ErrorCodes.RequestTimeout);
    }

    [Fact]
    public async Task A_body_that_trickles_is_answered_408_once_the_bound_passes_even_though_bytes_keep_coming()
    {
        var answer = await RawHttp.Post(1000).Send(Twenty).Trickle(new string(' ', 40), TimeSpan.FromMilliseconds(100))
            .SendAsync(_bounded.BaseAddress, Patience);

        AssertError(answer, 408, ErrorCodes.RequestTimeout);
    }

    [Fact]
    public async Task A_body_the_client_ends_before_its_content_length_is_refused_as_a_bad_request_without_a_5xx()
    {
        var answer = await RawHttp.Post(1000).Send(Twenty).CloseSending().SendAsync(_defaults.BaseAddress, Patience);

        // Kestrel may drop the bytes that came with the FIN: how many were read varies.
        await AssertCutShortAsync(answer, "of 1000 bytes received");
    }

    [Fact]
    public async Task A_chunked_body_with_a_chunk_size_that_is_not_hex_is_answered_400_bad_request()
    {
        var answer = await RawHttp.Post(null).Send("zz\r\n{}\r\n0\r\n\r\n").SendAsync(_defaults.BaseAddress, Patience);

        AssertError(answer, 400, ErrorCodes.BadRequest);
    }

    [Fact]
    public async Task A_chunked_body_that_ends_without_its_last_chunk_is_refused_as_a_bad_request_without_a_5xx()
    {
        var answer = await RawHttp.Post(null).Send("5\r\n{\"que\r\n").CloseSending().SendAsync(_defaults.BaseAddress, Patience);

        await AssertCutShortAsync(answer, "bytes received");
    }

    [Fact]
    public async Task A_chunk_size_past_64_bits_is_answered_400_bad_request_not_kestrels_overflow_as_a_500()
    {
        var answer = await RawHttp.Post(null).Send("fffffffffffffffffffff\r\n{}\r\n0\r\n\r\n").SendAsync(_defaults.BaseAddress, Patience);

        AssertError(answer, 400, ErrorCodes.BadRequest);
    }

    [Fact]
    public async Task A_whole_body_sent_in_pieces_within_the_bound_is_answered_normally()
    {
        const string body = "{\"query\": \"{ actor(tmdbId: 287) { name } }\"}";
        var answer = await RawHttp.Post(body.Length).Send(body[..10]).Pause(TimeSpan.FromMilliseconds(200)).Send(body[10..])
            .SendAsync(_bounded.BaseAddress, Patience);

        Assert.True(answer.Status == 200, answer.ToString());
        Assert.Equal("Brad Pitt", JsonNode.Parse(answer.Body)!["data"]!["actor"]!["name"]!.GetValue<string>());
    }

    /// <summary>
    /// Kestrel takes the client's FIN as the end of the connection, so the 400 written for a body cut short cannot reach
    /// that client: what shows is that no 5xx came back, nothing was logged as an error, and the refusal was recorded.
    /// </summary>
    private async Task AssertCutShortAsync(RawAnswer answer, string received)
    {
        if (answer.Status != 0)
            AssertError(answer, 400, ErrorCodes.BadRequest);
        var logs = _defaults.Logs;
        for (var waited = 0; waited < 100 && !logs.Lines.Any(l => l.Contains("GraphQL POST /graphql")); waited++)
            await Task.Delay(50);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning ActorSync.GraphQL.Security.SecurityEvents: Refused bad_request", StringComparison.Ordinal) && l.Contains(received));
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("GraphQL POST /graphql 5", StringComparison.Ordinal));
    }

    private static void AssertError(RawAnswer answer, int status, string code)
    {
        Assert.True(answer.Status == status, $"Expected {status}; got {answer}");
        Assert.Equal("application/graphql-response+json", answer.MediaType);
        var error = JsonNode.Parse(answer.Body)!["errors"]![0]!;
        Assert.Equal(code, error["extensions"]!["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
    }
}
