using System.Net.Http.Headers;
using System.Net.Http.Json;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;

namespace ActorSync.GraphQL.Tests.Security;

/// <summary>The per-request time budget and the client going away, against a slow loopback TMDB.</summary>
public sealed class ExecutionTimeoutTests : IAsyncLifetime
{
    private TmdbEmulator _tmdb = null!;

    public async Task InitializeAsync() => _tmdb = await TmdbEmulator.StartAsync();

    public async Task DisposeAsync() => await _tmdb.DisposeAsync();

    [Theory]
    [InlineData("application/graphql-response+json")]
    [InlineData("application/json")]
    public async Task An_operation_past_its_time_budget_is_stopped_with_a_clear_error_not_a_server_error(string accept)
    {
        await using var api = new ApiFactory().Live(_tmdb.BaseUrl, _tmdb.ApiKey).With("QueryLimits:ExecutionTimeout", "00:00:00.300");
        var client = new GraphQLClient(api.CreateClient());
        // Slower than the budget, faster than the TMDB client's own per-attempt timeout (3 s).
        _tmdb.Latency = TimeSpan.FromSeconds(2);

        var response = await client.PostAsync("{ actor(tmdbId: 287) { name } }", accept: accept);

        Assert.Equal(200, response.Status);
        Assert.Equal("EXECUTION_TIMEOUT", response.FirstCode);
        Assert.Equal(0.3, response.Errors![0]!["extensions"]!["timeoutSeconds"]!.GetValue<double>());
        Assert.Null(response.Data);
        Assert.DoesNotContain(_tmdb.ApiKey, response.Body, StringComparison.Ordinal);

        _tmdb.Heal();
        Assert.Equal("Brad Pitt", (await client.DataAsync("{ actor(tmdbId: 287) { name } }"))["actor"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_batch_past_its_time_budget_is_answered_with_the_timeout_error()
    {
        await using var api = new ApiFactory().Live(_tmdb.BaseUrl, _tmdb.ApiKey).With("QueryLimits:ExecutionTimeout", "00:00:00.300");
        _tmdb.Latency = TimeSpan.FromSeconds(2);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new[] { new { query = "{ actor(tmdbId: 287) { name } }" }, new { query = "{ movie(tmdbId: 550) { title } }" } }),
        };

        using var response = await api.CreateClient().SendAsync(request);
        var answer = await GraphQLResponse.ReadAsync(response);

        Assert.Equal(200, answer.Status);
        Assert.Equal("EXECUTION_TIMEOUT", answer.FirstCode);
    }

    [Fact]
    public async Task When_the_client_goes_away_execution_stops_and_reads_nothing_more_from_TMDB()
    {
        await using var api = new KestrelApiFactory()
            .With("TMDB_MODE", "live").With("TMDB_API_KEY", _tmdb.ApiKey).With("TMDB_BASE_URL", _tmdb.BaseUrl);
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        // The person first, then each credited movie: the movies are only asked for once the person has answered.
        _tmdb.Latency = TimeSpan.FromSeconds(1);
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = JsonContent.Create(new { query = "{ actor(tmdbId: 287) { credits { movie { runtime } } } }" }),
        };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json"));
        using var gone = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.SendAsync(request, gone.Token));
        // Long enough for the person to answer and the movies to be asked for, had execution gone on.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Equal(0, _tmdb.CallsTo("/3/movie/"));
        Assert.True(_tmdb.CallsTo("/3/person/287") >= 1);
    }
}
