using ActorSync.GraphQL.Composition;
using ActorSync.GraphQL.Settings;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Composition;

/// <summary>The line logged as the app starts: what this instance runs against, from the typed options.</summary>
public sealed class StartupSummaryTests
{
    private static string Line(string version, params (string Key, string Value)[] values)
    {
        var configuration = EnvironmentVariables.Mapped(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());
        using var provider = new ServiceCollection().AddLogging().AddActorSyncOptions(configuration).BuildServiceProvider();
        return ActivatorUtilities.CreateInstance<StartupSummary>(provider).Line(version);
    }

    [Fact]
    public void Nothing_set_means_offline_memory_cache_and_everything_optional_off()
    {
        Assert.Equal(
            "ActorSync 1.2.3 starting: TMDB offline (bundled snapshot), cache memory, Sentry off, OTLP off, CORS off",
            Line("1.2.3"));
    }

    [Fact]
    public void The_summary_names_hosts_but_no_key_password_or_dsn_key()
    {
        var summary = Line("0.1.0",
            ("TMDB_API_KEY", "the-secret-tmdb-key"),
            ("REDIS_URL", "rediss://default:redis-password@cache.internal:6380/1"),
            ("SENTRY_DSN", "https://dsnkey123@o0.ingest.sentry.io/42"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"),
            ("ALLOWED_ORIGINS", "https://a.example.com,https://b.example.com"),
            ("PORT", "8080"));

        Assert.Equal(
            "ActorSync 0.1.0 starting: TMDB live (https://api.themoviedb.org/3), cache redis (rediss://cache.internal:6380/1), "
            + "Sentry on (o0.ingest.sentry.io, traces 0.1), OTLP on (http://collector:4318), CORS 2 origins, port 8080",
            summary);
    }

    [Fact]
    public void The_summary_follows_the_section_keys_when_no_variable_is_set()
    {
        Assert.Equal(
            "ActorSync 1.0.0 starting: TMDB offline (bundled snapshot), cache memory, Sentry on (sentry.example.com, traces 0.5), OTLP off, CORS 1 origin, port 8081",
            Line("1.0.0", ("Sentry:Dsn", "https://key@sentry.example.com/7"), ("Sentry:TracesSampleRate", "0.5"), ("Cors:AllowedOrigins", "https://a.example.com"), ("Server:Port", "8081")));
    }

    [Fact]
    public async Task The_start_up_log_has_the_summary_line_without_the_key_or_the_redis_password()
    {
        const string key = "summary-test-key-9d8c7b6a";
        await using var factory = new ApiFactory()
            .Live(TmdbEmulator.UnusedLoopbackBaseUrl(), key)
            .With("REDIS_URL", "redis://:hunter2-redis@127.0.0.1:1/0")
            .With("ALLOWED_ORIGINS", "https://a.example.com,https://b.example.com");
        factory.CreateClient();

        var line = Assert.Single(factory.Logs.Lines, l => l.Contains("starting: TMDB live", StringComparison.Ordinal));
        Assert.Contains("cache redis (redis://127.0.0.1:1/0), Sentry off, OTLP off, CORS 2 origins", line);
        Assert.DoesNotContain(key, factory.Logs.All);
        Assert.DoesNotContain("hunter2-redis", factory.Logs.All);
    }
}
