using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ActorSync.GraphQL.Tests.Observability;

public sealed class OpenTelemetryTests
{
    [Fact]
    public async Task Without_OTEL_EXPORTER_OTLP_ENDPOINT_nothing_is_traced_or_exported()
    {
        await using var factory = new ApiFactory();
        factory.CreateClient();

        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_an_otlp_endpoint_traces_metrics_and_logs_reach_the_collector_without_the_tmdb_key()
    {
        await using var collector = await LoopbackCollector.StartAsync();
        await using var tmdb = await TmdbEmulator.StartAsync();
        await using var factory = new ApiFactory()
            .Live(tmdb.BaseUrl, tmdb.ApiKey)
            .With("OTEL_EXPORTER_OTLP_ENDPOINT", collector.BaseAddress.ToString().TrimEnd('/'))
            .With("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");

        await new GraphQLClient(factory.CreateClient()).DataAsync("query TracedActor { actor(tmdbId: 287) { name } }");
        Assert.True(factory.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(factory.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        Assert.True(factory.Services.GetRequiredService<LoggerProvider>().ForceFlush(10_000));

        var traces = string.Concat(collector.Posts.Where(p => p.Path == "/v1/traces").Select(p => p.Text));
        Assert.Contains("actorsync", traces);                 // service.name
        Assert.Contains("TracedActor", traces);               // GraphQL.NET's span: graphql.operation.name
        Assert.Contains("/3/person/287", traces);             // the TMDB call, through HttpClient instrumentation
        var metrics = string.Concat(collector.Posts.Where(p => p.Path == "/v1/metrics").Select(p => p.Text));
        Assert.Contains("actorsync.tmdb.calls", metrics);
        Assert.Contains("actorsync.cache.misses", metrics);
        Assert.Contains("http.server.request.duration", metrics);
        // The request's log line (its operation named) goes out as an OTLP log record too.
        var logs = string.Concat(collector.Posts.Where(p => p.Path == "/v1/logs").Select(p => p.Text));
        Assert.Contains("TracedActor", logs);
        Assert.All(collector.Posts, post => Assert.DoesNotContain(tmdb.ApiKey, post.Text));
    }

    [Fact]
    public async Task With_redis_the_cache_commands_are_traced_too()
    {
        await using var collector = await LoopbackCollector.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        await using var factory = new ApiFactory()
            .With("REDIS_URL", redis.Url)
            .With("OTEL_EXPORTER_OTLP_ENDPOINT", collector.BaseAddress.ToString().TrimEnd('/'))
            .With("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");

        // Redis commands become spans when the instrumentation drains its profiling session (at the latest every 10 s).
        // On a loaded machine the app's Redis connection may still be opening at the first request (the cache then
        // serves from memory alone), so each round asks for another person until an entry reached Redis.
        var client = new GraphQLClient(factory.CreateClient());
        var tracer = factory.Services.GetRequiredService<TracerProvider>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string Traces() => string.Concat(collector.Posts.Where(p => p.Path == "/v1/traces").Select(p => p.Text));
        int[] people = [287, 819, 1283, 4724, 6384, 2975, 530, 31, 500, 85];
        for (var round = 0; !Traces().Contains("PSETEX", StringComparison.Ordinal) && DateTime.UtcNow < deadline; round++)
        {
            if (round < people.Length)
                await client.DataAsync($"{{ actor(tmdbId: {people[round]}) {{ name }} }}");
            // A flush that times out (a loaded machine) is tried again until the deadline, not taken as the end.
            tracer.ForceFlush(5_000);
            await Task.Delay(250);
        }

        var traces = Traces();
        Assert.Contains("redis", traces);
        // The cache writes an entry with PSETEX (a string with its TTL, see RedisStringCache), after reading it with GET.
        Assert.Contains("PSETEX", traces);
    }
}
