using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;

namespace ActorSync.GraphQL.Tests.Security;

/// <summary>Per-client budgets per minute: search 60, compare 30, everything else 120; health unlimited.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const string Search = "{ searchActors(query: \"tom\") { totalCount } }";
    private const string Compare = "{ compareActors(tmdbIds: [287, 819]) { actors { name } } }";
    private const string Plain = "{ actor(tmdbId: 287) { name } }";

    private RedisServer _redis = null!;
    private readonly List<IAsyncDisposable> _disposables = [];

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables)
            await disposable.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private ApiFactory Limited(bool redis = false)
    {
        var factory = new ApiFactory().With("RateLimits:Enabled", "true");
        if (redis)
            factory.With("REDIS_URL", _redis.Url);
        _disposables.Add(factory);
        return factory;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string body, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (forwardedFor is not null)
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        return await http.SendAsync(request);
    }

    private static string Body(string query) => System.Text.Json.JsonSerializer.Serialize(new { query });

    private static async Task<int> CountAllowedAsync(HttpClient http, string query, int attempts, Func<int, string?>? forwardedFor = null)
    {
        var allowed = 0;
        for (var i = 0; i < attempts; i++)
        {
            using var response = await PostAsync(http, Body(query), forwardedFor?.Invoke(i));
            if (response.StatusCode == HttpStatusCode.OK)
                allowed++;
            else
                Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
        return allowed;
    }

    [Theory]
    [InlineData(Search, 60)]
    [InlineData(Compare, 30)]
    [InlineData(Plain, 120)]
    public async Task The_last_operation_within_the_budget_passes_and_the_next_gets_429(string query, int budget)
    {
        var http = Limited().CreateClient();
        Assert.Equal(budget - 1, await CountAllowedAsync(http, query, budget - 1));

        using var last = await PostAsync(http, Body(query));
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        var policy = query == Search ? "search" : query == Compare ? "compare" : "default";
        Assert.Equal($"\"{policy}\";q={budget};w=60", last.Headers.GetValues("RateLimit-Policy").Single());
        Assert.Equal($"\"{policy}\";r=0", last.Headers.GetValues("RateLimit").Single());

        using var refused = await PostAsync(http, Body(query));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);
        // The draft's structured fields: the spent policy says when it resets, as Retry-After does.
        Assert.Equal($"\"{policy}\";r=0;t={retryAfter}", refused.Headers.GetValues("RateLimit").Single());
        Assert.Equal($"\"{policy}\";q={budget};w=60", refused.Headers.GetValues("RateLimit-Policy").Single());
        var json = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("RATE_LIMITED", json["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(retryAfter, json["errors"]![0]!["extensions"]!["retryAfter"]!.GetValue<int>());
    }

    [Fact]
    public async Task Budgets_are_separate_per_kind_of_operation_and_health_is_unlimited()
    {
        var http = Limited().CreateClient();
        Assert.Equal(30, await CountAllowedAsync(http, Compare, 31));
        Assert.Equal(10, await CountAllowedAsync(http, Search, 10));
        for (var i = 0; i < 150; i++)
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/simple")).StatusCode);
    }

    [Fact]
    public async Task A_batch_counts_each_of_its_operations()
    {
        var http = Limited().CreateClient();
        var batch = System.Text.Json.JsonSerializer.Serialize(Enumerable.Range(0, 10).Select(_ => new { query = Compare }));
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, batch)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostAsync(http, Body(Compare))).StatusCode);
    }

    [Fact]
    public async Task A_spoofed_x_forwarded_for_from_a_direct_client_does_not_reset_the_budget()
    {
        // A real socket: the direct client is 127.0.0.1, which is not a trusted proxy (in-memory test servers have no client address).
        var factory = new KestrelApiFactory().With("RateLimits:Enabled", "true");
        _disposables.Add(factory);
        using var http = new HttpClient { BaseAddress = factory.BaseAddress };
        var allowed = await CountAllowedAsync(http, Compare, 40, i => $"203.0.113.{i}");
        Assert.Equal(30, allowed);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget()
    {
        var factory = new KestrelApiFactory().With("RateLimits:Enabled", "true").With("TRUSTED_PROXIES", "127.0.0.1/32");
        _disposables.Add(factory);
        using var http = new HttpClient { BaseAddress = factory.BaseAddress };
        // Two clients, 30 each: both full budgets pass, and a client-written entry left of the proxy's is ignored.
        Assert.Equal(30, await CountAllowedAsync(http, Compare, 30, _ => "198.51.100.7"));
        Assert.Equal(30, await CountAllowedAsync(http, Compare, 30, i => $"203.0.113.{i}, 198.51.100.8"));
        Assert.Equal(0, await CountAllowedAsync(http, Compare, 1, _ => "198.51.100.8"));
    }

    [Fact]
    public async Task Two_instances_sharing_redis_share_one_budget()
    {
        var a = Limited(redis: true).CreateClient();
        var b = Limited(redis: true).CreateClient();
        Assert.Equal(20, await CountAllowedAsync(a, Compare, 20));
        Assert.Equal(10, await CountAllowedAsync(b, Compare, 15));
        Assert.Equal(0, await CountAllowedAsync(a, Compare, 1));
    }

    [Fact]
    public async Task When_redis_fails_the_instance_falls_back_to_its_own_limits_never_to_none()
    {
        var http = Limited(redis: true).CreateClient();
        Assert.Equal(10, await CountAllowedAsync(http, Compare, 10));
        _redis.Kill();
        // The in-process budget starts afresh: 30 more pass, then it refuses again.
        Assert.Equal(30, await CountAllowedAsync(http, Compare, 40));
    }
}
