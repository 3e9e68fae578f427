using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using ActorSync.Tmdb.Offline;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Health;

public sealed class CompleteHealthTests : IAsyncLifetime
{
    private TmdbEmulator _tmdb = null!;
    private RedisServer _redis = null!;
    private readonly List<ApiFactory> _factories = [];

    public async Task InitializeAsync()
    {
        _tmdb = await TmdbEmulator.StartAsync();
        _redis = await RedisServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
            await factory.DisposeAsync();
        await _redis.DisposeAsync();
        await _tmdb.DisposeAsync();
    }

    private ApiFactory Factory(bool live, bool redis, string? key = null, params (string, string)[] settings)
    {
        var factory = new ApiFactory();
        if (live)
            factory.Live(_tmdb.BaseUrl, key ?? _tmdb.ApiKey)
                .With("Tmdb:Resilience:RetryBaseDelay", "00:00:00.020");
        if (redis)
            factory.With("REDIS_URL", _redis.Url);
        foreach (var (k, v) in settings)
            factory.With(k, v);
        _factories.Add(factory);
        return factory;
    }

    private static async Task<(int Status, JsonNode Json)> HealthAsync(ApiFactory factory)
    {
        using var response = await factory.CreateClient().GetAsync("/health/complete");
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Offline_on_memory_is_healthy_and_says_so_per_check()
    {
        var (status, json) = await HealthAsync(Factory(live: false, redis: false));
        Assert.Equal(200, status);
        Assert.Equal("healthy", json["status"]!.GetValue<string>());
        Assert.Equal("healthy", json["checks"]!["app"]!["status"]!.GetValue<string>());
        Assert.Equal("memory", json["checks"]!["cache"]!["backend"]!.GetValue<string>());
        Assert.Equal("offline", json["checks"]!["tmdb_api"]!["mode"]!.GetValue<string>());
        Assert.Equal("closed", json["checks"]!["tmdb_api"]!["circuit"]!.GetValue<string>());
    }

    [Fact]
    public async Task Offline_the_TMDB_check_says_the_snapshot_is_loaded_once_it_is()
    {
        var factory = Factory(live: false, redis: false);
        // Loaded in the background at start; the client's own warm-up waits for it (shared by the process).
        factory.Services.GetRequiredService<OfflineTmdbClient>().WarmUp();
        var (status, json) = await HealthAsync(factory);
        Assert.Equal(200, status);
        Assert.Equal("loaded", json["checks"]!["tmdb_api"]!["snapshot"]!.GetValue<string>());
        Assert.Equal("Serving the bundled offline snapshot.", json["checks"]!["tmdb_api"]!["description"]?.GetValue<string>());
    }

    [Fact]
    public async Task The_app_check_reports_the_request_caches_budget_used_and_its_limit()
    {
        var factory = Factory(live: false, redis: false, settings: ("GraphQLHttp:RequestCacheBudgetMb", "3"));
        await new GraphQLClient(factory.CreateClient()).DataAsync("{ actor(tmdbId: 287) { name } }");

        var (_, json) = await HealthAsync(factory);
        var budget = json["checks"]!["app"]!["requestCaches"]!;
        Assert.Equal(3L * 1024 * 1024, budget["limitBytes"]!.GetValue<long>());
        Assert.InRange(budget["usedBytes"]!.GetValue<long>(), 1, 3L * 1024 * 1024);
        Assert.True(budget["entries"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task The_cache_check_reports_the_memory_level_where_an_entity_counts_what_it_holds()
    {
        var factory = Factory(live: true, redis: false);
        var (_, before) = await HealthAsync(factory);
        Assert.Null((await new GraphQLClient(factory.CreateClient()).PostAsync("{ actor(tmdbId: 287) { name credits { character } } }")).Errors);
        var (_, after) = await HealthAsync(factory);

        long Memory(JsonNode json, string name) => json["checks"]!["cache"]!["memory"]![name]!.GetValue<long>();
        var entries = Memory(after, "entries") - Memory(before, "entries");
        var usedKb = Memory(after, "usedKb") - Memory(before, "usedKb");
        // Brad Pitt and the answer: a handful of entries, but his credits (each with its movie's overview) are tens of
        // KiB, where a flat 4 KiB per entity used to stand.
        Assert.InRange(entries, 1, 3);
        Assert.True(usedKb > 4 * entries + 16, $"{usedKb} KiB for {entries} entries");
        Assert.Equal(32 * 1024, Memory(after, "limitKb"));
        Assert.True(Memory(after, "usedKb") <= Memory(after, "limitKb"));
    }

    [Fact]
    public async Task Offline_the_memory_level_is_32_mb_like_live_unless_set()
    {
        await using var offline = new ApiFactory();
        await using var configured = new ApiFactory().With("Caching:MemoryLimitMb", "48");

        long LimitKb(JsonNode json) => json["checks"]!["cache"]!["memory"]!["limitKb"]!.GetValue<long>();
        Assert.Equal(32 * 1024, LimitKb((await HealthAsync(offline)).Json));
        Assert.Equal(48 * 1024, LimitKb((await HealthAsync(configured)).Json));
    }

    [Fact]
    public async Task The_app_check_carries_the_process_totals_and_they_grow_with_work()
    {
        var factory = Factory(live: false, redis: false);
        var (_, before) = await HealthAsync(factory);
        var client = new GraphQLClient(factory.CreateClient());
        for (var i = 0; i < 20; i++)
            Assert.Null((await client.PostAsync("query Career($id: Int!) { actor(tmdbId: $id) { name timeline { year credits { character } } } }", new { id = 287 + i })).Errors);
        var (_, after) = await HealthAsync(factory);

        long Total(JsonNode json, string name) => json["checks"]!["app"]!["process"]![name]!.GetValue<long>();
        double Cpu(JsonNode json) => json["checks"]!["app"]!["process"]!["cpuSeconds"]!.GetValue<double>();
        Assert.True(Total(after, "allocatedBytes") > Total(before, "allocatedBytes"));
        Assert.True(Cpu(after) >= Cpu(before) && Cpu(after) > 0);
        Assert.True(Total(after, "workingSetBytes") > 0);
        Assert.True(Total(after, "gcHeapBytes") > 0);
        // The uptime counts from the process's start (the API runs in this test process), not from the first check.
        var age = (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds;
        Assert.InRange(after["checks"]!["app"]!["uptimeSeconds"]!.GetValue<long>(), age - 3, age + 1);
        Assert.True(after["checks"]!["app"]!["process"]!["gcCollections"]!["gen0"]!.GetValue<int>() >= before["checks"]!["app"]!["process"]!["gcCollections"]!["gen0"]!.GetValue<int>());
    }

    [Fact]
    public async Task Live_with_redis_is_healthy_and_degraded_but_200_when_redis_dies()
    {
        var factory = Factory(live: true, redis: true);
        var (status, json) = await HealthAsync(factory);
        Assert.Equal(200, status);
        Assert.Equal("healthy", json["status"]!.GetValue<string>());
        Assert.Equal("redis", json["checks"]!["cache"]!["backend"]!.GetValue<string>());
        Assert.Equal("live", json["checks"]!["tmdb_api"]!["mode"]!.GetValue<string>());

        _redis.Kill();
        (status, json) = await HealthAsync(factory);
        Assert.Equal(200, status);
        Assert.Equal("degraded", json["status"]!.GetValue<string>());
        Assert.Equal("degraded", json["checks"]!["cache"]!["status"]!.GetValue<string>());
        Assert.Equal("healthy", json["checks"]!["tmdb_api"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_tmdb_probe_is_reused_so_health_checks_do_not_hammer_tmdb()
    {
        var factory = Factory(live: true, redis: false);
        for (var i = 0; i < 5; i++)
            Assert.Equal(200, (await HealthAsync(factory)).Status);
        Assert.Equal(1, _tmdb.CallsTo("/3/configuration"));
    }

    [Fact]
    public async Task An_open_tmdb_circuit_is_degraded_and_named()
    {
        var factory = Factory(live: true, redis: false, settings: ("Health:TmdbProbeInterval", "00:00:00"));
        _tmdb.FailAlways(503);
        var client = new GraphQLClient(factory.CreateClient());
        foreach (var id in new[] { 287, 819, 1283, 976 })
            await client.PostAsync($"{{ actor(tmdbId: {id}) {{ name }} }}");

        var (status, json) = await HealthAsync(factory);
        Assert.Equal(200, status);
        Assert.Equal("degraded", json["checks"]!["tmdb_api"]!["status"]!.GetValue<string>());
        Assert.Equal("open", json["checks"]!["tmdb_api"]!["circuit"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rejected_key_is_unhealthy_with_503()
    {
        var (status, json) = await HealthAsync(Factory(live: true, redis: false, key: "fedcba9876543210fedcba9876543210"));
        Assert.Equal(503, status);
        Assert.Equal("unhealthy", json["status"]!.GetValue<string>());
        Assert.Equal("unhealthy", json["checks"]!["tmdb_api"]!["status"]!.GetValue<string>());
        Assert.DoesNotContain("fedcba9876543210fedcba9876543210", json.ToJsonString());
    }
}
