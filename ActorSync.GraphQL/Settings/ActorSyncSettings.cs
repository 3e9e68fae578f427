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

    /// <summary>Render's proxies reach the app from its private network; TRUSTED_PROXIES changes it.</summary>
    public const string DefaultTrustedProxies = "10.0.0.0/8";

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

    public const string DefaultServiceName = "actorsync";

    /// <summary><c>OTEL_SERVICE_NAME</c>, else <see cref="DefaultServiceName"/>.</summary>
    public string OtlpServiceName { get; init; } = DefaultServiceName;

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

        ConfigurationOptions? redis = null;
        if (NullIfBlank(redisOptions.Url) is { } redisUrl)
        {
            try
            {
                redis = RedisUrl.Parse(redisUrl);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add(new(EnvironmentVariables.VariableOf("Redis:Url"), ex.Message));
            }
        }

        int? port = null;
        if (NullIfBlank(server.Port) is { } portText)
        {
            try
            {
                port = PortConfiguration.Parse(portText);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add(new(EnvironmentVariables.VariableOf("Server:Port"), ex.Message));
            }
        }

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

        var origins = new List<string>();
        if (NullIfBlank(cors.AllowedOrigins) is { } originList)
        {
            foreach (var entry in originList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (Origin(entry) is { } origin)
                {
                    if (!origins.Contains(origin))
                        origins.Add(origin);
                }
                else
                {
                    problems.Add(new(EnvironmentVariables.VariableOf("Cors:AllowedOrigins"), $"ALLOWED_ORIGINS must list origins like https://app.example.com (scheme, host and port only: no path, no wildcard); \"{entry}\" is not one."));
                }
            }
        }

        var proxies = new List<System.Net.IPNetwork>();
        foreach (var cidr in (NullIfBlank(forwarded.TrustedProxies) ?? DefaultTrustedProxies).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (System.Net.IPNetwork.TryParse(cidr, out var network))
                proxies.Add(network);
            else
                problems.Add(new(EnvironmentVariables.VariableOf("ForwardedHeaders:TrustedProxies"), $"TRUSTED_PROXIES must list CIDR networks such as 10.0.0.0/8; got \"{cidr}\"."));
        }

        Uri? otlp = null;
        if (NullIfBlank(otel.OtlpEndpoint) is { } otlpText)
        {
            if (Uri.TryCreate(otlpText, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.UserInfo))
                otlp = uri;
            else
                problems.Add(new(EnvironmentVariables.VariableOf("OpenTelemetry:OtlpEndpoint"), "OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL without credentials, like http://collector:4317; got "
                    + (otlpText.Contains('@', StringComparison.Ordinal) ? "a value with credentials (not shown)." : $"\"{otlpText}\".")));
        }
        if (NullIfBlank(otel.OtlpProtocol) is { } protocol && protocol is not ("grpc" or "http/protobuf"))
            problems.Add(new(EnvironmentVariables.VariableOf("OpenTelemetry:OtlpProtocol"), $"OTEL_EXPORTER_OTLP_PROTOCOL must be grpc or http/protobuf; got \"{protocol}\"."));

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
            OtlpServiceName = NullIfBlank(otel.ServiceName) ?? DefaultServiceName,
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

    /// <summary>The origin as browsers send it (lower-case scheme and host, port only when not the default), or null.</summary>
    private static string? Origin(string entry)
    {
        if (!Uri.TryCreate(entry, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(uri.UserInfo) || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.AbsolutePath != "/")
        {
            return null;
        }
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    /// <summary>Scheme, host, port and path only: user info and query strings may carry credentials.</summary>
    private static string WithoutSecrets(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath.TrimEnd('/')}" : "?";
}
