using System.Diagnostics;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;

namespace ActorSync.GraphQL.Tests.Tmdb;

/// <summary>Live mode: the real HTTP client and resilience pipeline, through the real GraphQL endpoint, against a loopback TMDB.</summary>
public sealed class LiveTmdbTests : LiveTmdbTestBase
{
    private ApiFactory Live(string? baseUrl = null, string? key = null, params (string Key, string Value)[] settings) =>
        // Short back-off keeps the suite quick; the behaviour under test is the same.
        LiveApiAt(baseUrl ?? Tmdb.BaseUrl, key ?? Tmdb.ApiKey, [("Tmdb:Resilience:RetryBaseDelay", "00:00:00.020"), .. settings]);

    private static GraphQLClient Client(ApiFactory factory) => new(factory.CreateClient());

    public static TheoryData<string> ContractQueries() => new()
    {
        "{ actor(tmdbId: 976) { id tmdbId name gender popularity profileUrl knownForDepartment biography birthday knownFor { title } credits { movie { tmdbId title releaseDate posterUrl runtime genres } character order } timeline { year credits { movie { title } } } } }",
        "{ movie(tmdbId: 107) { id title originalTitle overview tagline releaseDate releaseYear runtime genres voteAverage voteCount popularity posterUrl(size: W500) tmdbUrl cast(first: 12) { actor { name gender popularity } character order } } }",
        "{ compareActors(tmdbIds: [287, 819, 1283]) { actors { name } sharedMovies { movie { title runtime } roles { actor { name } character } } timeline { year entries { shared movie { title } roles { character } } } } }",
        "{ compareMovies(tmdbIds: [603, 604, 605]) { movies { title } sharedCast { actor { name popularity } roles { movie { title } character } } } }",
        "{ searchActors(query: \"tom ha\", first: 25) { totalCount edges { cursor node { name knownFor { title } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }",
        "{ searchMovies(query: \"the\", first: 7, after: \"Y3Vyc29yOjE4\") { totalCount nodes { title releaseYear voteAverage } pageInfo { hasNextPage endCursor } } }",
        "{ actors(tmdbIds: [287, 1, 819]) { name } movies(tmdbIds: [603, 2]) { title } nope: actor(tmdbId: 999999999) { name } }",
    };

    [Theory]
    [MemberData(nameof(ContractQueries))]
    public async Task Live_mode_answers_exactly_like_offline_mode(string query)
    {
        await using var offline = new ApiFactory();
        var expected = await Client(offline).PostAsync(query);
        var actual = await Client(Live()).PostAsync(query);

        Assert.Null(expected.Errors);
        Assert.Equal(expected.Body, actual.Body);
        Assert.True(Tmdb.TotalCalls > 0, "live mode must have called TMDB");
    }

    [Fact]
    public async Task A_two_actor_comparison_calls_tmdb_once_per_distinct_resource_it_needs()
    {
        int[] ids = [287, 819];
        var shared = Expected.SharedMovies(ids);
        Assert.NotEmpty(shared);

        var data = await Client(Live()).DataAsync(
            $"{{ compareActors(tmdbIds: [{ids[0]}, {ids[1]}]) {{ actors {{ name }} sharedMovies {{ movie {{ title runtime genres cast(first: 3) {{ actor {{ name }} }} }} roles {{ actor {{ name }} }} }} timeline {{ year entries {{ movie {{ title }} }} }} }} }}");

        Assert.NotNull(data["compareActors"]);
        // Two people, plus the details of each shared movie (runtime, genres, cast); titles come with the credits.
        Assert.Equal(2 + shared.Count, Tmdb.TotalCalls);
        Assert.Equal(1, Tmdb.CallsTo($"/3/person/{ids[0]}"));
        Assert.Equal(1, Tmdb.CallsTo($"/3/person/{ids[1]}"));
        foreach (var (movieId, _) in shared)
            Assert.Equal(1, Tmdb.CallsTo($"/3/movie/{movieId}"));
    }

    [Fact]
    public async Task Transient_5xx_failures_are_retried_until_the_call_succeeds()
    {
        Tmdb.FailNext(2, 503, "/3/person/287");
        var data = await Client(Live()).DataAsync("{ actor(tmdbId: 287) { name } }");

        Assert.Equal("Brad Pitt", data["actor"]!["name"]!.GetValue<string>());
        Assert.Equal(3, Tmdb.CallsTo("/3/person/287"));
    }

    [Fact]
    public async Task A_429_waits_for_retry_after_before_trying_again()
    {
        Tmdb.RateLimitNext(1, retryAfterSeconds: 1, "/3/person/819");
        var client = Client(Live());
        var watch = Stopwatch.StartNew();
        var data = await client.DataAsync("{ actor(tmdbId: 819) { name } }");
        watch.Stop();

        Assert.Equal("Edward Norton", data["actor"]!["name"]!.GetValue<string>());
        Assert.Equal(2, Tmdb.CallsTo("/3/person/819"));
        var calls = Tmdb.Calls.Where(c => c.Path == "/3/person/819").OrderBy(c => c.Timestamp).ToArray();
        Assert.True(calls[1].Timestamp - calls[0].Timestamp >= TimeSpan.FromMilliseconds(950),
            $"the retry came {(calls[1].Timestamp - calls[0].Timestamp).TotalMilliseconds} ms after the 429, before Retry-After");
    }

    [Fact]
    public async Task A_404_is_not_retried_and_reads_as_null()
    {
        var unknown = Enumerable.Range(1, 1000).First(id => !SnapshotOracle.Instance.People.ContainsKey(id));
        var data = await Client(Live()).DataAsync($"{{ actor(tmdbId: {unknown}) {{ name }} }}");

        Assert.Null(data["actor"]);
        Assert.Equal(1, Tmdb.CallsTo($"/3/person/{unknown}"));
    }

    [Fact]
    public async Task An_open_circuit_fails_fast_with_upstream_unavailable_without_calling_tmdb()
    {
        var factory = Live(settings: ("Tmdb:Resilience:MinimumThroughput", "10"));
        var client = Client(factory);
        Tmdb.FailAlways(503);

        // Each failing call makes 4 attempts; a few calls fill the breaker's sample with failures.
        foreach (var id in new[] { 287, 819, 1283, 976 })
        {
            var failed = await client.PostAsync($"{{ actor(tmdbId: {id}) {{ name }} }}");
            Assert.Equal("UPSTREAM_UNAVAILABLE", failed.FirstCode);
        }
        var callsBefore = Tmdb.TotalCalls;

        var watch = Stopwatch.StartNew();
        var response = await client.PostAsync("{ actor(tmdbId: 500) { name } }");
        watch.Stop();

        Assert.Equal("UPSTREAM_UNAVAILABLE", response.FirstCode);
        Assert.Equal(callsBefore, Tmdb.TotalCalls);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"an open circuit should fail at once, took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(200, response.Status);
        Assert.NotNull(response.Json!["data"]); // the field is null, the response still has data
    }

    [Fact]
    public async Task A_hanging_tmdb_is_given_up_on_within_the_budget()
    {
        Tmdb.HangAlways("/3/person/287");
        var client = Client(Live(settings: [("Tmdb:Resilience:AttemptTimeout", "00:00:00.300"), ("Tmdb:Resilience:TotalTimeout", "00:00:02")]));
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsync("{ actor(tmdbId: 287) { name } }");
        watch.Stop();

        Assert.Equal("UPSTREAM_UNAVAILABLE", response.FirstCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.ElapsedMilliseconds} ms");
        Assert.True(Tmdb.CallsTo("/3/person/287") >= 2, "a timed-out attempt is retried");
    }

    [Fact]
    public async Task A_refused_connection_is_upstream_unavailable()
    {
        var response = await Client(Live(baseUrl: TmdbEmulator.UnusedLoopbackBaseUrl())).PostAsync("{ actor(tmdbId: 287) { name } }");
        Assert.Equal("UPSTREAM_UNAVAILABLE", response.FirstCode);
    }

    [Fact]
    public async Task A_rejected_key_is_upstream_unavailable_for_clients_logged_once_and_never_retried()
    {
        const string wrongKey = "0123456789abcdef0123456789abcdef";
        var factory = Live(key: wrongKey);
        var client = Client(factory);

        var first = await client.PostAsync("{ actor(tmdbId: 287) { name } }");
        var second = await client.PostAsync("{ movie(tmdbId: 603) { title } }");

        Assert.Equal("UPSTREAM_UNAVAILABLE", first.FirstCode);
        Assert.Equal("UPSTREAM_UNAVAILABLE", second.FirstCode);
        Assert.Equal(1, Tmdb.CallsTo("/3/person/287"));
        Assert.Equal(1, Tmdb.CallsTo("/3/movie/603"));
        Assert.Single(factory.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("Check TMDB_API_KEY", StringComparison.Ordinal));
        Assert.DoesNotContain(wrongKey, factory.Logs.All);
        Assert.DoesNotContain(wrongKey, first.Body + second.Body);
    }

    [Fact]
    public async Task A_v4_read_access_token_is_sent_as_a_bearer_token_not_in_the_url()
    {
        const string token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl";
        await using var tmdb = await TmdbEmulator.StartAsync(token);
        var data = await Client(Live(baseUrl: tmdb.BaseUrl, key: token)).DataAsync("{ actor(tmdbId: 287) { name } }");

        Assert.Equal("Brad Pitt", data["actor"]!["name"]!.GetValue<string>());
        var call = Assert.Single(tmdb.Calls);
        Assert.True(call.HasAuthorizationHeader);
        Assert.DoesNotContain("api_key", call.QueryString);
    }

    [Fact]
    public async Task The_key_appears_in_no_log_line_error_or_response_whatever_fails()
    {
        var factory = Live(settings: [("Tmdb:Resilience:AttemptTimeout", "00:00:00.300"), ("Tmdb:Resilience:TotalTimeout", "00:00:01.500")]);
        var client = Client(factory);
        var bodies = new List<string>();

        bodies.Add((await client.PostAsync("{ compareActors(tmdbIds: [287, 819]) { sharedMovies { movie { title runtime } } } }")).Body);
        Tmdb.FailNext(8, 500);
        bodies.Add((await client.PostAsync("{ actor(tmdbId: 1283) { name } }")).Body);
        Tmdb.RateLimitNext(1, 1);
        bodies.Add((await client.PostAsync("{ movie(tmdbId: 604) { title } }")).Body);
        Tmdb.HangNext(10);
        bodies.Add((await client.PostAsync("{ searchActors(query: \"tom\") { totalCount } }")).Body);
        Tmdb.Heal();
        bodies.Add((await client.PostAsync("{ searchMovies(query: \"matrix\") { totalCount } }")).Body);

        Assert.Contains(bodies, b => b.Contains("UPSTREAM_UNAVAILABLE", StringComparison.Ordinal));
        Assert.True(Tmdb.Calls.All(c => c.QueryString.Contains(Tmdb.ApiKey, StringComparison.Ordinal)), "the v3 key travels in api_key");
        Assert.NotEmpty(factory.Logs.Lines);
        Assert.DoesNotContain(Tmdb.ApiKey, factory.Logs.All);
        Assert.All(bodies, body => Assert.DoesNotContain(Tmdb.ApiKey, body));
    }
}
