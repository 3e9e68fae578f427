using ActorSync.GraphQL.Settings;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ActorSync.GraphQL.Tests.Settings;

public sealed class ActorSyncSettingsTests
{
    private static ActorSyncSettings Read(params (string Key, string Value)[] values) =>
        ActorSyncSettings.Read(
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(),
            new TestEnvironment());

    [Theory]
    [InlineData("TMDB_MODE", "sometimes")]
    [InlineData("TMDB_BASE_URL", "not a url")]
    [InlineData("TMDB_IMAGE_BASE_URL", "ftp://images")]
    [InlineData("REDIS_URL", "localhost:6379")]
    [InlineData("PORT", "eighty")]
    [InlineData("PORT", "70000")]
    [InlineData("SENTRY_DSN", "not a url")]
    [InlineData("SENTRY_DSN", "https://o0.ingest.sentry.io/1")]
    [InlineData("ALLOWED_ORIGINS", "https://app.example.com/path")]
    [InlineData("TRUSTED_PROXIES", "10.0.0.0/33")]
    [InlineData("ALLOWED_ORIGINS", "app.example.com")]
    [InlineData("ALLOWED_ORIGINS", "*")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "udp")]
    [InlineData("Sentry:TracesSampleRate", "1.5")]
    public async Task A_bad_value_is_a_start_up_problem_naming_the_variable(string variable, string value)
    {
        await using var factory = new ApiFactory().With(variable, value);
        var problem = Assert.Single(factory.SettingsProblems());
        Assert.Equal(variable.Replace(":", "__", StringComparison.Ordinal), problem.Variable);
        Assert.StartsWith(problem.Variable, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v2.3.1", "4f2a9c1", "v2.3.1")]
    [InlineData(null, "4f2a9c1", "4f2a9c1")]
    public void Sentrys_release_is_SENTRY_RELEASE_else_the_commit_render_deployed(string? release, string? commit, string expected)
    {
        var values = new List<(string, string)>();
        if (release is not null)
            values.Add(("SENTRY_RELEASE", release));
        if (commit is not null)
            values.Add(("RENDER_GIT_COMMIT", commit));

        Assert.Equal(expected, Read([.. values]).SentryRelease);
    }

    [Fact]
    public void Without_either_sentrys_release_is_the_apps_version()
    {
        var release = Read().SentryRelease;

        Assert.Equal(ActorSync.GraphQL.Health.HealthEndpoints.Version, release);
        Assert.False(string.IsNullOrWhiteSpace(release));
    }

    [Fact]
    public async Task Every_bad_value_is_reported_in_one_start_up_message()
    {
        await using var factory = new ApiFactory()
            .With("TMDB_MODE", "sometimes")
            .With("REDIS_URL", "localhost:6379")
            .With("PORT", "eighty")
            .With("SENTRY_DSN", "nope")
            .With("ALLOWED_ORIGINS", "https://ok.example.com,https://bad.example.com/path")
            .With("OTEL_EXPORTER_OTLP_ENDPOINT", "nope")
            .With("TRUSTED_PROXIES", "everyone");
        var error = SettingsException.Describe(factory.SettingsProblems());

        Assert.Contains("7 settings are wrong", error);
        Assert.DoesNotContain('\n', error);
        foreach (var variable in new[] { "TMDB_MODE", "REDIS_URL", "PORT", "SENTRY_DSN", "ALLOWED_ORIGINS", "OTEL_EXPORTER_OTLP_ENDPOINT", "TRUSTED_PROXIES" })
            Assert.Contains(variable, error);
        Assert.DoesNotContain("ok.example.com", error);
    }

    [Fact]
    public void Messages_never_repeat_the_sentry_dsn()
    {
        var error = Assert.Throws<SettingsException>(() => Read(("SENTRY_DSN", "ftp://secretkey@sentry.example.com/1")));
        Assert.Contains("SENTRY_DSN", error.Message);
        Assert.DoesNotContain("secretkey", error.Message);
    }

    [Fact]
    public void Good_values_are_read_and_origins_normalized()
    {
        var settings = Read(
            ("ALLOWED_ORIGINS", " https://App.Example.com , http://localhost:3000,https://app.example.com/"),
            ("PORT", "8080"),
            ("SENTRY_DSN", "https://abc123@o0.ingest.sentry.io/42"),
            ("Sentry:TracesSampleRate", "0.25"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"),
            ("REDIS_URL", "redis://:pw@cache:6379/2"));

        Assert.Equal(["https://app.example.com", "http://localhost:3000"], settings.AllowedOrigins);
        Assert.Equal(8080, settings.Port);
        Assert.Equal(0.25, settings.SentryTracesSampleRate);
        Assert.Equal(new Uri("http://collector:4317"), settings.OtlpEndpoint);
        Assert.Equal(2, settings.Redis!.DefaultDatabase);
    }

    [Fact]
    public void Nothing_set_means_offline_memory_cache_and_everything_optional_off()
    {
        var settings = Read();
        Assert.Equal(
            "ActorSync 1.2.3 starting: TMDB offline (bundled snapshot), cache memory, Sentry off, OTLP off, CORS off",
            settings.Summary("1.2.3"));
    }

    [Fact]
    public void The_summary_names_hosts_but_no_key_password_or_dsn_key()
    {
        var summary = Read(
            ("TMDB_API_KEY", "the-secret-tmdb-key"),
            ("REDIS_URL", "rediss://default:redis-password@cache.internal:6380/1"),
            ("SENTRY_DSN", "https://dsnkey123@o0.ingest.sentry.io/42"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"),
            ("ALLOWED_ORIGINS", "https://a.example.com,https://b.example.com"),
            ("PORT", "8080")).Summary("0.1.0");

        Assert.Equal(
            "ActorSync 0.1.0 starting: TMDB live (https://api.themoviedb.org/3), cache redis (rediss://cache.internal:6380/1), "
            + "Sentry on (o0.ingest.sentry.io, traces 0.1), OTLP on (http://collector:4318), CORS 2 origins, port 8080",
            summary);
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

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "ActorSync.GraphQL";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
