using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Observability;

public sealed class ActorSyncMetricsTests
{
    /// <summary>Records the measurements of one app's <c>ActorSync</c> meter (other apps in this process have their own).</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, long Value, Dictionary<string, object?> Tags)> _measurements = new();

        public Recorder(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
            _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
            _listener.Start();
        }

        private void Add(string name, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
                copy[tag.Key] = tag.Value;
            _measurements.Enqueue((name, value, copy));
        }

        public long Sum(string name, params (string Key, string Value)[] tags) =>
            _measurements.Where(m => m.Name == name && tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).Sum(m => m.Value);

        public long[] Observe(string name)
        {
            _listener.RecordObservableInstruments();
            return _measurements.Where(m => m.Name == name).Select(m => m.Value).ToArray();
        }

        public void Dispose() => _listener.Dispose();
    }

    private static Recorder Record(ApiFactory factory) => new(factory.Services.GetRequiredService<ActorSyncMetrics>().Meter);

    [Fact]
    public async Task A_cold_query_counts_a_tmdb_call_and_a_cache_miss_and_a_repeat_counts_a_cache_hit()
    {
        await using var factory = new ApiFactory();
        using var metrics = Record(factory);
        var client = new GraphQLClient(factory.CreateClient());

        await client.DataAsync("{ actor(tmdbId: 287) { name } }");
        Assert.Equal(1, metrics.Sum("actorsync.tmdb.calls", ("endpoint", "person"), ("outcome", "ok")));
        Assert.Equal(1, metrics.Sum("actorsync.cache.misses", ("kind", "person")));
        Assert.Equal(0, metrics.Sum("actorsync.cache.hits"));

        // A different document, so the operation result cache does not answer it before the entity cache is asked.
        await client.DataAsync("{ again: actor(tmdbId: 287) { name } }");
        Assert.Equal(1, metrics.Sum("actorsync.cache.hits", ("kind", "person")));
        Assert.Equal(1, metrics.Sum("actorsync.tmdb.calls"));
    }

    [Fact]
    public async Task Unknown_ids_and_searches_are_counted_with_their_endpoint_and_outcome()
    {
        await using var factory = new ApiFactory();
        using var metrics = Record(factory);
        var client = new GraphQLClient(factory.CreateClient());

        await client.DataAsync("{ movie(tmdbId: 999999999) { title } searchMovies(query: \"matrix\", first: 1) { totalCount } }");

        Assert.Equal(1, metrics.Sum("actorsync.tmdb.calls", ("endpoint", "movie"), ("outcome", "not_found")));
        Assert.Equal(1, metrics.Sum("actorsync.tmdb.calls", ("endpoint", "search/movie"), ("outcome", "ok")));
        Assert.Equal(1, metrics.Sum("actorsync.cache.misses", ("kind", "search")));
    }

    [Fact]
    public async Task Rate_limit_rejections_are_counted_by_policy()
    {
        await using var factory = new ApiFactory().With("RateLimits:Enabled", "true").With("RateLimits:SearchPerWindow", "1");
        using var metrics = Record(factory);
        var client = new GraphQLClient(factory.CreateClient());

        await client.DataAsync("{ searchActors(query: \"tom\", first: 1) { totalCount } }");
        Assert.Equal(0, metrics.Sum("actorsync.ratelimit.rejections"));
        var refused = await client.PostAsync("{ searchActors(query: \"tom\", first: 2) { totalCount } }");
        Assert.Equal(429, refused.Status);
        await client.DataAsync("{ actor(tmdbId: 287) { name } }");

        Assert.Equal(1, metrics.Sum("actorsync.ratelimit.rejections", ("policy", "search")));
        Assert.Equal(1, metrics.Sum("actorsync.ratelimit.rejections"));
    }

    [Fact]
    public async Task The_circuit_gauge_reads_0_while_closed_and_2_once_tmdb_keeps_failing()
    {
        await using var tmdb = await TmdbEmulator.StartAsync();
        await using var factory = new ApiFactory()
            .Live(tmdb.BaseUrl, tmdb.ApiKey)
            .With("Tmdb:Resilience:RetryBaseDelay", "00:00:00.020");
        using var metrics = Record(factory);
        var client = new GraphQLClient(factory.CreateClient());

        Assert.Equal([0], metrics.Observe("actorsync.tmdb.circuit"));

        tmdb.FailAlways(503);
        foreach (var id in new[] { 287, 819, 1283, 976 })
            await client.PostAsync($"{{ actor(tmdbId: {id}) {{ name }} }}");

        Assert.Equal(2, metrics.Observe("actorsync.tmdb.circuit").Last());
        Assert.True(metrics.Sum("actorsync.tmdb.calls", ("endpoint", "person"), ("outcome", "unavailable")) >= 4);
    }

    [Fact]
    public async Task Offline_there_is_no_circuit_to_report()
    {
        await using var factory = new ApiFactory();
        using var metrics = Record(factory);

        Assert.Empty(metrics.Observe("actorsync.tmdb.circuit"));
    }
}
