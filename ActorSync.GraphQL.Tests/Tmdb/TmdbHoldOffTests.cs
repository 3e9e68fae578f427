using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using ActorSync.Tmdb.Http;

namespace ActorSync.GraphQL.Tests.Tmdb;

/// <summary>A 429 from TMDB holds every TMDB call of the instance off until its Retry-After, through the real pipeline.</summary>
public sealed class TmdbHoldOffTests : LiveTmdbTestBase
{
    private ApiFactory Live(params (string Key, string Value)[] settings) =>
        LiveApi([("Tmdb:Resilience:RetryBaseDelay", "00:00:00.020"), .. settings]);

    private static async Task<JsonNode> TmdbHealthAsync(ApiFactory factory)
    {
        using var response = await factory.CreateClient().GetAsync("/health/complete");
        Assert.Equal(200, (int)response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["checks"]!["tmdb_api"]!;
    }

    private static int RetryAfter(GraphQLResponse response) =>
        response.Errors![0]!["extensions"]!["retryAfter"]!.GetValue<int>();

    [Fact]
    public async Task During_a_429s_retry_after_no_tmdb_call_is_sent_and_uncached_requests_get_upstream_unavailable_with_retry_after()
    {
        var factory = Live();
        var client = new GraphQLClient(factory.CreateClient());
        await client.DataAsync("{ actor(tmdbId: 287) { name } }");

        Tmdb.RateLimitNext(1, retryAfterSeconds: 30, "/3/person/819");
        var limited = await client.PostAsync("{ actor(tmdbId: 819) { name } }");
        Assert.Equal("UPSTREAM_UNAVAILABLE", limited.FirstCode);
        Assert.InRange(RetryAfter(limited), 25, 30);
        // 30 s is longer than the call may wait (MaxRetryAfter): it fails at once, without a retry.
        Assert.Equal(1, Tmdb.CallsTo("/3/person/819"));

        var callsBefore = Tmdb.TotalCalls;
        foreach (var query in new[]
        {
            "{ actor(tmdbId: 1283) { name } }",
            "{ movie(tmdbId: 603) { title } }",
            "{ searchActors(query: \"tom\") { totalCount } }",
            "{ actor(tmdbId: 819) { name } }",
        })
        {
            var response = await client.PostAsync(query);
            Assert.Equal(200, response.Status);
            Assert.Equal("UPSTREAM_UNAVAILABLE", response.FirstCode);
            Assert.InRange(RetryAfter(response), 1, 30);
        }
        Assert.Equal(callsBefore, Tmdb.TotalCalls);

        var cached = await client.DataAsync("{ actor(tmdbId: 287) { name } }");
        Assert.Equal("Brad Pitt", cached["actor"]!["name"]!.GetValue<string>());

        var health = await TmdbHealthAsync(factory);
        Assert.Equal("degraded", health["status"]!.GetValue<string>());
        Assert.InRange(health["holdOffSeconds"]!.GetValue<int>(), 1, 30);
        Assert.True(DateTimeOffset.Parse(health["rateLimitedUntil"]!.GetValue<string>()) > DateTimeOffset.UtcNow);
        Assert.Equal("closed", health["circuit"]!.GetValue<string>());
        Assert.Equal(callsBefore, Tmdb.TotalCalls); // health did not probe TMDB either
    }

    [Fact]
    public async Task An_expired_cached_resource_is_served_stale_during_a_hold_off()
    {
        var client = new GraphQLClient(Live(("Caching:PersonTtl", "00:00:00.200")).CreateClient());
        await client.DataAsync("{ actor(tmdbId: 287) { name } }");
        await Task.Delay(TimeSpan.FromMilliseconds(400));

        Tmdb.RateLimitNext(1, retryAfterSeconds: 30, "/3/person/819");
        Assert.Equal("UPSTREAM_UNAVAILABLE", (await client.PostAsync("{ actor(tmdbId: 819) { name } }")).FirstCode);
        var callsBefore = Tmdb.TotalCalls;

        var stale = await client.DataAsync("{ actor(tmdbId: 287) { name } }");
        Assert.Equal("Brad Pitt", stale["actor"]!["name"]!.GetValue<string>());
        Assert.Equal(callsBefore, Tmdb.TotalCalls);
    }

    [Fact]
    public async Task Calls_resume_once_the_hold_off_has_passed()
    {
        // The 429's own call gives up at once (its wait is longer than it may wait), so the test sees the hold-off.
        var factory = Live(("Tmdb:Resilience:MaxRetryAfter", "00:00:00.100"));
        var client = new GraphQLClient(factory.CreateClient());
        Tmdb.RateLimitNext(1, retryAfterSeconds: 2, "/3/person/819");
        Assert.Equal("UPSTREAM_UNAVAILABLE", (await client.PostAsync("{ actor(tmdbId: 819) { name } }")).FirstCode);

        var held = await client.PostAsync("{ actor(tmdbId: 1283) { name } }");
        Assert.Equal("UPSTREAM_UNAVAILABLE", held.FirstCode);
        Assert.InRange(RetryAfter(held), 1, 2);
        Assert.Equal(0, Tmdb.CallsTo("/3/person/1283"));

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        Assert.Equal(0, (await TmdbHealthAsync(factory))["holdOffSeconds"]!.GetValue<int>());
        var data = await client.DataAsync("{ actor(tmdbId: 1283) { name } }");
        Assert.NotNull(data["actor"]);
        Assert.Equal(1, Tmdb.CallsTo("/3/person/1283"));
        Assert.Equal(1, Tmdb.CallsTo("/3/person/819"));
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_cap_holds_off_only_for_the_cap()
    {
        var factory = Live(("Tmdb:Resilience:MaxHoldOff", "00:00:01"));
        var client = new GraphQLClient(factory.CreateClient());
        Tmdb.RateLimitNext(1, retryAfterSeconds: 3600, "/3/person/819");

        var limited = await client.PostAsync("{ actor(tmdbId: 819) { name } }");
        Assert.Equal("UPSTREAM_UNAVAILABLE", limited.FirstCode);
        Assert.Equal(1, RetryAfter(limited));
        Assert.InRange((await TmdbHealthAsync(factory))["holdOffSeconds"]!.GetValue<int>(), 0, 1);

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.NotNull((await client.DataAsync("{ actor(tmdbId: 1283) { name } }"))["actor"]);
        Assert.Equal(1, Tmdb.CallsTo("/3/person/1283"));
    }

    [Fact]
    public async Task The_call_that_met_a_short_retry_after_retries_after_it_while_other_calls_are_refused_meanwhile()
    {
        var factory = Live();
        var client = new GraphQLClient(factory.CreateClient());
        Tmdb.RateLimitNext(1, retryAfterSeconds: 2, "/3/person/819");

        var waiting = client.PostAsync("{ actor(tmdbId: 819) { name } }");
        // Until the 429 is back and its hold-off runs (health reads it without calling TMDB).
        while ((await TmdbHealthAsync(factory))["holdOffSeconds"]!.GetValue<int>() == 0)
            await Task.Delay(10);
        var refused = await client.PostAsync("{ actor(tmdbId: 287) { name } }");
        var answered = await waiting;

        Assert.Equal("UPSTREAM_UNAVAILABLE", refused.FirstCode);
        Assert.Equal(0, Tmdb.CallsTo("/3/person/287"));
        Assert.Null(answered.Errors);
        var calls = Tmdb.Calls.Where(c => c.Path == "/3/person/819").OrderBy(c => c.Timestamp).ToArray();
        Assert.Equal(2, calls.Length);
        Assert.True(calls[1].Timestamp - calls[0].Timestamp >= TimeSpan.FromMilliseconds(1950),
            $"the retry came {(calls[1].Timestamp - calls[0].Timestamp).TotalMilliseconds} ms after the 429, inside the hold-off");
    }

    [Fact]
    public async Task Repeated_429s_do_not_open_the_circuit()
    {
        var factory = Live(("Tmdb:Resilience:MinimumThroughput", "2"));
        var client = new GraphQLClient(factory.CreateClient());
        // Retry-After: 0 lets each call retry at once, so every attempt meets a 429.
        Tmdb.RateLimitNext(8, retryAfterSeconds: 0);
        await client.PostAsync("{ actor(tmdbId: 287) { name } }");
        await client.PostAsync("{ actor(tmdbId: 819) { name } }");

        Assert.Equal(8, Tmdb.TotalCalls);
        Assert.Equal("closed", (await TmdbHealthAsync(factory))["circuit"]!.GetValue<string>());
        Assert.Null((await client.PostAsync("{ actor(tmdbId: 1283) { name } }")).Errors);
    }

    [Fact]
    public async Task A_hold_off_is_logged_once_not_per_refused_call()
    {
        var factory = Live();
        var client = new GraphQLClient(factory.CreateClient());
        Tmdb.RateLimitNext(1, retryAfterSeconds: 30, "/3/person/819");
        await client.PostAsync("{ actor(tmdbId: 819) { name } }");
        for (var id = 1; id <= 20; id++)
            Assert.Equal("UPSTREAM_UNAVAILABLE", (await client.PostAsync($"{{ actor(tmdbId: {id}) {{ name }} }}")).FirstCode);

        var warnings = factory.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal)).ToArray();
        Assert.Single(warnings, l => l.Contains("answered 429", StringComparison.Ordinal));
        Assert.True(warnings.Length <= 2, string.Join("\n", warnings));
    }

    [Theory]
    [InlineData("delta", 30, 30)]
    [InlineData("delta", 600, 60)]
    [InlineData("date", 45, 45)]
    [InlineData("date-past", 10, 0)]
    [InlineData("none", 0, 1)]
    public void Retry_after_is_read_as_seconds_or_a_date_capped_with_a_short_default_when_missing(string form, int seconds, int expected)
    {
        var now = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        RetryConditionHeaderValue? header = form switch
        {
            "delta" => new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds)),
            "date" => new RetryConditionHeaderValue(now.AddSeconds(seconds)),
            "date-past" => new RetryConditionHeaderValue(now.AddSeconds(-seconds)),
            _ => null,
        };
        var wait = TmdbHoldOff.HoldOffFor(header, now, fallback: TimeSpan.FromSeconds(1), max: TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.FromSeconds(expected), wait);
    }
}
