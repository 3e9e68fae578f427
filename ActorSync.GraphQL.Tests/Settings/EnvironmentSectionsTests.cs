using ActorSync.GraphQL.Composition;
using ActorSync.GraphQL.Health;
using ActorSync.GraphQL.Settings;
using ActorSync.GraphQL.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Tests.Settings;

/// <summary>
/// The typed options of the sections Render's variables set (EnvironmentSections): their defaults, the values derived
/// from their text (Redis's connection, normalized origins, proxy networks, Sentry's release…), and the start-up
/// problems their checks report. Every configuration here is built by hand: the test process's variables do not count.
/// </summary>
public sealed class EnvironmentSectionsTests
{
    private static IConfiguration Mapped(params (string Key, string Value)[] values) =>
        EnvironmentVariables.Mapped(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    private static IReadOnlyList<SettingProblem> Problems(params (string Key, string Value)[] values) =>
        SettingsCheck.Problems(Mapped([("TMDB_MODE", "offline"), .. values]), new HostingEnvironment { EnvironmentName = "Testing" });

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

    [Fact]
    public async Task Every_bad_value_is_reported_in_one_start_up_message_in_the_order_of_the_variables()
    {
        await using var factory = new ApiFactory()
            .With("TRUSTED_PROXIES", "everyone")
            .With("OTEL_EXPORTER_OTLP_ENDPOINT", "nope")
            .With("ALLOWED_ORIGINS", "https://ok.example.com,https://bad.example.com/path")
            .With("SENTRY_DSN", "nope")
            .With("PORT", "eighty")
            .With("REDIS_URL", "localhost:6379")
            .With("TMDB_MODE", "sometimes");
        var problems = factory.SettingsProblems();
        var error = SettingsException.Describe(problems);

        Assert.Contains("7 settings are wrong", error);
        Assert.DoesNotContain('\n', error);
        // The order an operator has always read them in, whatever order they were set in.
        Assert.Equal(
            ["TMDB_MODE", "REDIS_URL", "PORT", "SENTRY_DSN", "ALLOWED_ORIGINS", "TRUSTED_PROXIES", "OTEL_EXPORTER_OTLP_ENDPOINT"],
            problems.Select(problem => problem.Variable));
        Assert.DoesNotContain("ok.example.com", error);
    }

    [Fact]
    public void The_messages_are_the_ones_operators_read()
    {
        Assert.Equal(
            [
                "SENTRY_DSN must be a Sentry DSN: an absolute http(s) URL with a key and a project id, like https://<key>@o0.ingest.sentry.io/<project>.",
                "Sentry__TracesSampleRate must be a number from 0 to 1; got \"2\".",
                "ALLOWED_ORIGINS must list origins like https://app.example.com (scheme, host and port only: no path, no wildcard); \"*\" is not one.",
                "TRUSTED_PROXIES must list CIDR networks such as 10.0.0.0/8; got \"10.0.0.0/33\".",
                "OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL without credentials, like http://collector:4317; got a value with credentials (not shown).",
                "OTEL_EXPORTER_OTLP_PROTOCOL must be grpc or http/protobuf; got \"udp\".",
            ],
            Problems(("SENTRY_DSN", "nope"), ("Sentry:TracesSampleRate", " 2 "), ("ALLOWED_ORIGINS", "*"), ("TRUSTED_PROXIES", "10.0.0.0/33"),
                ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://user:pw@collector:4317"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "udp")).Select(problem => problem.Message));
    }

    [Fact]
    public void Messages_never_repeat_the_sentry_dsn()
    {
        var error = SettingsException.Describe(Problems(("SENTRY_DSN", "ftp://secretkey@sentry.example.com/1")));
        Assert.Contains("SENTRY_DSN", error);
        Assert.DoesNotContain("secretkey", error);
    }

    [Theory]
    [InlineData("v2.3.1", "4f2a9c1", "v2.3.1")]
    [InlineData(null, "4f2a9c1", "4f2a9c1")]
    [InlineData("  ", " 4f2a9c1 ", "4f2a9c1")]
    public void Sentrys_release_is_SENTRY_RELEASE_else_the_commit_render_deployed(string? release, string? commit, string expected)
    {
        var values = new List<(string, string)>();
        if (release is not null)
            values.Add(("SENTRY_RELEASE", release));
        if (commit is not null)
            values.Add(("RENDER_GIT_COMMIT", commit));
        var configuration = Mapped([.. values]);

        Assert.Equal(expected, SettingsSections.ErrorTracking.Read(configuration).Release);
        using var provider = new ServiceCollection().AddActorSyncOptions(configuration).BuildServiceProvider();
        Assert.Equal(expected, provider.GetRequiredService<IOptions<ErrorTrackingOptions>>().Value.Release);
    }

    [Fact]
    public void Sentry_release_set_as_a_section_key_wins_over_the_commit_and_loses_to_SENTRY_RELEASE()
    {
        Assert.Equal("from-key", SettingsSections.ErrorTracking.Read(Mapped(("Sentry:Release", "from-key"), ("RENDER_GIT_COMMIT", "abc"))).Release);
        Assert.Equal("from-variable", SettingsSections.ErrorTracking.Read(Mapped(("Sentry:Release", "from-key"), ("SENTRY_RELEASE", "from-variable"))).Release);
    }

    [Fact]
    public void Without_either_sentrys_release_is_the_apps_version()
    {
        var release = SettingsSections.ErrorTracking.Read(Mapped()).Release;

        Assert.Equal(HealthEndpoints.Version, release);
        Assert.False(string.IsNullOrWhiteSpace(release));
    }

    [Fact]
    public void Nothing_set_means_the_defaults_memory_cache_and_everything_optional_off()
    {
        var configuration = Mapped();

        Assert.Null(SettingsSections.Redis.Read(configuration).Connection);
        Assert.Null(SettingsSections.Server.Read(configuration).ListenPort);
        var sentry = SettingsSections.ErrorTracking.Read(configuration);
        Assert.Null(sentry.ValidDsn);
        Assert.Equal(0.1, sentry.TracesSampleRateOrDefault);
        Assert.Empty(SettingsSections.Cors.Read(configuration).Origins);
        Assert.Equal([System.Net.IPNetwork.Parse("10.0.0.0/8")], SettingsSections.ForwardedHeaders.Read(configuration).Networks);
        var openTelemetry = SettingsSections.OpenTelemetry.Read(configuration);
        Assert.Null(openTelemetry.Endpoint);
        Assert.Equal("actorsync", openTelemetry.ServiceNameOrDefault);
    }

    [Fact]
    public void Good_values_are_read_and_origins_normalized()
    {
        var configuration = Mapped(
            ("ALLOWED_ORIGINS", " https://App.Example.com , http://localhost:3000,https://app.example.com/"),
            ("PORT", " 8080 "),
            ("SENTRY_DSN", "https://abc123@o0.ingest.sentry.io/42"),
            ("Sentry:TracesSampleRate", "0.25"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"),
            ("OTEL_SERVICE_NAME", "actorsync-staging"),
            ("REDIS_URL", "redis://:pw@cache:6379/2"));

        Assert.Equal(["https://app.example.com", "http://localhost:3000"], SettingsSections.Cors.Read(configuration).Origins);
        Assert.Equal(8080, SettingsSections.Server.Read(configuration).ListenPort);
        var sentry = SettingsSections.ErrorTracking.Read(configuration);
        Assert.Equal("https://abc123@o0.ingest.sentry.io/42", sentry.ValidDsn);
        Assert.Equal(0.25, sentry.TracesSampleRateOrDefault);
        Assert.Equal(new Uri("http://collector:4317"), SettingsSections.OpenTelemetry.Read(configuration).Endpoint);
        Assert.Equal("actorsync-staging", SettingsSections.OpenTelemetry.Read(configuration).ServiceNameOrDefault);
        Assert.Equal(2, SettingsSections.Redis.Read(configuration).Connection!.DefaultDatabase);
    }

    [Fact]
    public void Trusted_proxies_are_parsed_as_CIDR_networks()
    {
        var networks = SettingsSections.ForwardedHeaders.Read(Mapped(("TRUSTED_PROXIES", "192.168.0.0/16, fd00::/8,"))).Networks;

        Assert.Equal([System.Net.IPNetwork.Parse("192.168.0.0/16"), System.Net.IPNetwork.Parse("fd00::/8")], networks);
        Assert.True(networks[0].Contains(System.Net.IPAddress.Parse("192.168.4.2")));
    }

    [Fact]
    public void The_variable_wins_over_the_section_key_in_the_values_the_app_reads()
    {
        var configuration = Mapped(
            ("Redis:Url", "redis://from-key:6379"), ("REDIS_URL", "redis://from-variable:6380"),
            ("Cors:AllowedOrigins", "https://key.example.com"), ("ALLOWED_ORIGINS", "https://variable.example.com"),
            ("Server:Port", "8000"), ("PORT", "9000"));

        Assert.Equal("redis://from-variable:6380", SettingsSections.Redis.Read(configuration).Url);
        Assert.Equal("redis://from-variable:6380/0", ActorSync.GraphQL.Redis.RedisUrl.Describe(SettingsSections.Redis.Read(configuration).Connection!));
        Assert.Equal(["https://variable.example.com"], SettingsSections.Cors.Read(configuration).Origins);
        Assert.Equal(9000, SettingsSections.Server.Read(configuration).ListenPort);
    }

    [Fact]
    public void The_sections_read_while_services_are_registered_equal_the_options_the_container_gives()
    {
        var configuration = Mapped(
            ("REDIS_URL", "redis://:pw@cache:6379/2"), ("PORT", "8080"), ("SENTRY_DSN", "https://abc123@o0.ingest.sentry.io/42"),
            ("Sentry:TracesSampleRate", "0.5"), ("RENDER_GIT_COMMIT", "4f2a9c1"), ("ALLOWED_ORIGINS", "https://a.example.com"),
            ("TRUSTED_PROXIES", "192.168.0.0/16"), ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"), ("TMDB_API_KEY", "k"),
            ("TMDB_BASE_URL", "http://127.0.0.1:1/3"));
        using var provider = new ServiceCollection().AddActorSyncOptions(configuration).BuildServiceProvider();
        T Registered<T>() where T : class => provider.GetRequiredService<IOptions<T>>().Value;

        Assert.Equal(SettingsSections.Redis.Read(configuration).Connection!.ToString(), Registered<RedisOptions>().Connection!.ToString());
        Assert.Equal(SettingsSections.Server.Read(configuration).ListenPort, Registered<ServerOptions>().ListenPort);
        var sentry = SettingsSections.ErrorTracking.Read(configuration);
        Assert.Equal((sentry.ValidDsn, sentry.TracesSampleRateOrDefault, sentry.Release),
            (Registered<ErrorTrackingOptions>().ValidDsn, Registered<ErrorTrackingOptions>().TracesSampleRateOrDefault, Registered<ErrorTrackingOptions>().Release));
        Assert.Equal(SettingsSections.Cors.Read(configuration).Origins, Registered<CorsOriginsOptions>().Origins);
        Assert.Equal(SettingsSections.ForwardedHeaders.Read(configuration).Networks, Registered<TrustedProxyOptions>().Networks);
        Assert.Equal(SettingsSections.OpenTelemetry.Read(configuration).Endpoint, Registered<OpenTelemetryExportOptions>().Endpoint);
        var tmdb = TmdbSettings.Read(configuration);
        Assert.Equal((tmdb.ApiKey, tmdb.BaseUrl, tmdb.EffectiveMode), (Registered<ActorSync.Tmdb.TmdbOptions>().ApiKey, Registered<ActorSync.Tmdb.TmdbOptions>().BaseUrl, Registered<ActorSync.Tmdb.TmdbOptions>().EffectiveMode));
        Assert.Equal(ActorSync.Tmdb.TmdbMode.Live, tmdb.EffectiveMode);
    }
}
