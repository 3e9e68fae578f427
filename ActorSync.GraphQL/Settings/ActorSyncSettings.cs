using System.Globalization;
using ActorSync.GraphQL.Health;
using ActorSync.GraphQL.Redis;
using ActorSync.Tmdb;
using StackExchange.Redis;

namespace ActorSync.GraphQL.Settings;

/// <summary>
/// The typed view of the sections Render's variables set (<see cref="EnvironmentVariables"/>: DESIGN.md §3, and
/// TRUSTED_PROXIES and the observability ones), bound from <see cref="RedisOptions"/>, <see cref="ServerOptions"/>,
/// <see cref="CorsOriginsOptions"/>, <see cref="TrustedProxyOptions"/>, <see cref="OpenTelemetryExportOptions"/>,
/// <see cref="RenderOptions"/>, the <c>Tmdb</c> keys and Sentry's <c>Dsn</c> and <c>Release</c>, parsed and checked once at start-up. A bad
/// value stops the start with a message naming the variable; all bad values are reported together, so a deploy is
/// fixed in one round instead of one variable per failed attempt.
/// </summary>
public sealed class ActorSyncSettings
{
    public const double DefaultTracesSampleRate = 0.1;

    public required TmdbOptions Tmdb { get; init; }

    /// <summary>From <c>REDIS_URL</c>; null for the memory cache.</summary>
    public ConfigurationOptions? Redis { get; init; }

    /// <summary><c>SENTRY_DSN</c>; null leaves Sentry off.</summary>
    public string? SentryDsn { get; init; }

    /// <summary><c>Sentry:TracesSampleRate</c> (0..1): the share of requests traced to Sentry.</summary>
    public double SentryTracesSampleRate { get; init; } = DefaultTracesSampleRate;

    /// <summary><c>ALLOWED_ORIGINS</c>, normalized (<c>https://app.example.com</c>); empty: no cross-origin access.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary><c>TRUSTED_PROXIES</c>: networks whose X-Forwarded-For / -Proto are believed.</summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary><c>PORT</c>; null when ASP.NET Core's own settings choose the address.</summary>
    public int? Port { get; init; }

    /// <summary>
    /// The release Sentry files events under: <c>SENTRY_RELEASE</c>, else <c>RENDER_GIT_COMMIT</c> (the commit Render
    /// deployed), else the app's informational version.
    /// </summary>
    public string SentryRelease { get; init; } = "";

    /// <summary><c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; null leaves OpenTelemetry off.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary><c>OTEL_SERVICE_NAME</c>, else <see cref="OpenTelemetryExportOptions.DefaultServiceName"/>.</summary>
    public string OtlpServiceName { get; init; } = OpenTelemetryExportOptions.DefaultServiceName;

    /// <summary>
    /// Reads every variable; throws one <see cref="SettingsException"/> listing every bad value (each message names its
    /// variable and never repeats a secret).
    /// </summary>
    public static ActorSyncSettings Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = new List<SettingProblem>();
        var settings = Read(configuration, environment, problems);
        return problems.Count == 0 ? settings : throw new SettingsException(problems);
    }

    /// <summary>
    /// Reads every variable, adding a problem for each bad value to <paramref name="problems"/>; the settings returned
    /// are only meaningful when none was added.
    /// </summary>
    public static ActorSyncSettings Read(IConfiguration configuration, IHostEnvironment environment, ICollection<SettingProblem> problems)
    {
        configuration = EnvironmentVariables.Mapped(configuration);
        var tmdb = TmdbSettings.Read(configuration, environment, problems);
        var redisOptions = Bind<RedisOptions>(configuration, RedisOptions.Section);
        var server = Bind<ServerOptions>(configuration, ServerOptions.Section);
        var cors = Bind<CorsOriginsOptions>(configuration, CorsOriginsOptions.Section);
        var forwarded = Bind<TrustedProxyOptions>(configuration, TrustedProxyOptions.Section);
        var otel = Bind<OpenTelemetryExportOptions>(configuration, OpenTelemetryExportOptions.Section);
        var render = Bind<RenderOptions>(configuration, RenderOptions.Section);

        // In the order the operator reads them in the one line of problems.
        var redis = redisOptions.Parse(problems);
        var port = server.Parse(problems);

        // Sentry's section is the library's (SentryAspNetCoreOptions): its Dsn, Release and TracesSampleRate are read here.
        var sentryDsn = Value(configuration, "Sentry:Dsn");
        if (sentryDsn is not null && !IsSentryDsn(sentryDsn))
        {
            // The DSN is not echoed: it carries the project's key.
            problems.Add(new(EnvironmentVariables.VariableOf("Sentry:Dsn"), "SENTRY_DSN must be a Sentry DSN: an absolute http(s) URL with a key and a project id, like https://<key>@o0.ingest.sentry.io/<project>."));
            sentryDsn = null;
        }

        var sampleRate = DefaultTracesSampleRate;
        if (Value(configuration, "Sentry:TracesSampleRate") is { } rateText)
        {
            if (double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1)
                sampleRate = rate;
            else
                problems.Add(new("Sentry__TracesSampleRate", $"Sentry__TracesSampleRate must be a number from 0 to 1; got \"{rateText}\"."));
        }

        var origins = cors.Parse(problems);
        var proxies = forwarded.Parse(problems);
        var otlp = otel.Parse(problems);

        return new ActorSyncSettings
        {
            Tmdb = tmdb,
            Redis = redis,
            SentryDsn = sentryDsn,
            SentryTracesSampleRate = sampleRate,
            SentryRelease = Value(configuration, "Sentry:Release") ?? NullIfBlank(render.GitCommit) ?? HealthEndpoints.Version,
            AllowedOrigins = origins,
            TrustedProxies = proxies,
            Port = port,
            OtlpEndpoint = otlp,
            OtlpServiceName = otel.ServiceNameOrDefault,
        };
    }

    /// <summary>
    /// One line for the start-up log: what this instance talks to. Never the TMDB key, the Redis password or the DSN.
    /// </summary>
    public string Summary(string version)
    {
        var tmdb = Tmdb.EffectiveMode == TmdbMode.Live ? $"TMDB live ({WithoutSecrets(Tmdb.BaseUrl)})" : "TMDB offline (bundled snapshot)";
        var cache = Redis is null ? "cache memory" : $"cache redis ({RedisUrl.Describe(Redis)})";
        var sentry = SentryDsn is null
            ? "Sentry off"
            : $"Sentry on ({new Uri(SentryDsn).Host}, traces {SentryTracesSampleRate.ToString(CultureInfo.InvariantCulture)})";
        var otlp = OtlpEndpoint is null ? "OTLP off" : $"OTLP on ({WithoutSecrets(OtlpEndpoint.ToString())})";
        var cors = AllowedOrigins.Count switch
        {
            0 => "CORS off",
            1 => "CORS 1 origin",
            var n => $"CORS {n} origins",
        };
        var port = Port is { } p ? $", port {p}" : "";
        return $"ActorSync {version} starting: {tmdb}, {cache}, {sentry}, {otlp}, {cors}{port}";
    }

    private static string? Value(IConfiguration configuration, string key) => NullIfBlank(configuration[key]);

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A section's typed options (text values: the checks above parse them and name the variable).</summary>
    private static T Bind<T>(IConfiguration configuration, string section) where T : new() =>
        configuration.GetSection(section).Get<T>() ?? new T();

    /// <summary>A DSN names the project's public key (user info) and its id (the last path segment).</summary>
    private static bool IsSentryDsn(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && !string.IsNullOrEmpty(uri.UserInfo)
        && uri.AbsolutePath.Trim('/').Length > 0;

    /// <summary>Scheme, host, port and path only: user info and query strings may carry credentials.</summary>
    private static string WithoutSecrets(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath.TrimEnd('/')}" : "?";
}
