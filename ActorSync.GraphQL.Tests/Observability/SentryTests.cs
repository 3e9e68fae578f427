using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Models;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Sentry;

namespace ActorSync.GraphQL.Tests.Observability;

/// <summary>
/// Sentry against a loopback stand-in that captures the envelopes the SDK posts. The SDK is process-wide, so these
/// tests share one class (xunit runs a class's tests one at a time) and no other test turns Sentry on.
/// </summary>
public sealed class SentryTests
{
    private static readonly TimeSpan EnvelopeTimeout = TimeSpan.FromSeconds(15);

    private static string Dsn(LoopbackCollector sentry) => $"http://public@127.0.0.1:{sentry.BaseAddress.Port}/1";

    [Fact]
    public async Task Without_SENTRY_DSN_sentry_is_not_initialized()
    {
        await using var factory = new ApiFactory();
        await new GraphQLClient(factory.CreateClient()).DataAsync("{ actor(tmdbId: 287) { name } }");

        Assert.False(SentrySdk.IsEnabled);
        Assert.Null(factory.Services.GetService<IHub>());
    }

    [Fact]
    public async Task An_unhandled_resolver_error_reaches_sentry_tagged_with_its_operation_release_and_environment_without_the_tmdb_key()
    {
        const string key = "sentry-test-key-6f1e0c9a2b7d4e3f8a5c";
        await using var sentry = await LoopbackCollector.StartAsync();
        await using var app = new ApiFactory()
            .Live(TmdbEmulator.UnusedLoopbackBaseUrl(), key)
            .With("SENTRY_DSN", Dsn(sentry))
            .With("RENDER_GIT_COMMIT", "4f2a9c1e0b7d");
        // A source that fails the way a bug would: an exception that is not TMDB being unavailable, quoting the key.
        await using var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddKeyedSingleton<ITmdbClient>(TmdbCache.SourceKey, new BrokenSource(key))));

        var response = await new GraphQLClient(factory.CreateClient()).PostAsync("query FailingActor { actor(tmdbId: 287) { name } }");
        Assert.Equal("INTERNAL_SERVER_ERROR", response.FirstCode);
        Assert.True(SentrySdk.IsEnabled);

        // Sentry is process-wide while this app runs: other tests' apps can send events too, so wait for this one's.
        var envelope = await sentry.WaitForAsync(
            post => post.Path == "/api/1/envelope/" && post.Text.Contains("InvalidOperationException", StringComparison.Ordinal)
                && post.Text.Contains("FailingActor", StringComparison.Ordinal),
            EnvelopeTimeout, "error event of FailingActor");
        Assert.Contains("\"graphql.operation\":\"FailingActor\"", envelope.Text);
        Assert.Contains("\"release\":\"4f2a9c1e0b7d\"", envelope.Text);
        Assert.Contains("\"environment\":\"testing\"", envelope.Text);
        Assert.Contains("[redacted]", envelope.Text);
        Assert.DoesNotContain(key, envelope.Text);
        Assert.All(sentry.Posts, post => Assert.DoesNotContain(key, post.Text));

        // The SDK is process-wide: it must close with the app, or the next app in this process would report to it.
        await factory.DisposeAsync();
        Assert.False(SentrySdk.IsEnabled);
    }

    [Fact]
    public async Task A_rejected_key_reaches_sentry_with_no_trace_of_the_key_in_its_breadcrumbs_or_spans()
    {
        const string key = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
        await using var sentry = await LoopbackCollector.StartAsync();
        await using var tmdb = await TmdbEmulator.StartAsync();
        await using var factory = new ApiFactory()
            .Live(tmdb.BaseUrl, key)
            .With("SENTRY_DSN", Dsn(sentry))
            // Every request traced, so the TMDB call's span (whose URL carries the key) is sent too.
            .With("Sentry:TracesSampleRate", "1");

        var response = await new GraphQLClient(factory.CreateClient()).PostAsync("{ actor(tmdbId: 287) { name } }");
        Assert.Equal("UPSTREAM_UNAVAILABLE", response.FirstCode);

        var envelope = await sentry.WaitForAsync(
            post => post.Path == "/api/1/envelope/" && post.Text.Contains("TMDB rejected the API key", StringComparison.Ordinal),
            EnvelopeTimeout, "401 error event");
        Assert.Contains("api_key=[redacted]", envelope.Text);
        Assert.DoesNotContain(key, envelope.Text);
        await sentry.WaitForAsync(
            post => post.Text.Contains("\"type\":\"transaction\"", StringComparison.Ordinal) && post.Text.Contains("/3/person/287", StringComparison.Ordinal),
            EnvelopeTimeout, "transaction with the TMDB call's span");
        Assert.All(sentry.Posts, post => Assert.DoesNotContain(key, post.Text));
    }

    private sealed class BrokenSource(string key) : ITmdbClient
    {
        private InvalidOperationException Bug() => new($"Unexpected TMDB answer for https://api.themoviedb.org/3/person/287?api_key={key} (key {key})");

        public Task<TmdbPerson?> GetPersonAsync(int personId, CancellationToken cancellationToken = default) => throw Bug();
        public Task<TmdbMovie?> GetMovieAsync(int movieId, CancellationToken cancellationToken = default) => throw Bug();
        public Task<TmdbSearchPage<TmdbPersonSearchResult>> SearchPeopleAsync(string query, int page, CancellationToken cancellationToken = default) => throw Bug();
        public Task<TmdbSearchPage<TmdbMovieSearchResult>> SearchMoviesAsync(string query, int page, CancellationToken cancellationToken = default) => throw Bug();
        public Task<TmdbConfiguration> GetConfigurationAsync(CancellationToken cancellationToken = default) => throw Bug();
    }
}
