using System.Globalization;
using ActorSync.GraphQL.Health;
using ActorSync.GraphQL.Redis;
using ActorSync.GraphQL.Settings;
using ActorSync.Tmdb;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Composition;

/// <summary>Logs what this instance runs against, once, as it starts: the first line to read when a deploy misbehaves.</summary>
internal sealed class StartupSummary(
    IOptions<TmdbOptions> tmdb,
    IOptions<RedisOptions> redis,
    IOptions<ErrorTrackingOptions> sentry,
    IOptions<OpenTelemetryExportOptions> openTelemetry,
    IOptions<CorsOriginsOptions> cors,
    IOptions<ServerOptions> server,
    ILoggerFactory loggers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        loggers.CreateLogger("ActorSync").LogInformation("{Summary}", Line(HealthEndpoints.Version));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The line: what this instance talks to. Never the TMDB key, the Redis password or the DSN's key.</summary>
    public string Line(string version)
    {
        var tmdbText = tmdb.Value.EffectiveMode == TmdbMode.Live ? $"TMDB live ({WithoutSecrets(tmdb.Value.BaseUrl)})" : "TMDB offline (bundled snapshot)";
        var cacheText = redis.Value.Connection is { } connection ? $"cache redis ({RedisUrl.Describe(connection)})" : "cache memory";
        var sentryText = sentry.Value.ValidDsn is { } dsn
            ? $"Sentry on ({new Uri(dsn).Host}, traces {sentry.Value.TracesSampleRateOrDefault.ToString(CultureInfo.InvariantCulture)})"
            : "Sentry off";
        var otlpText = openTelemetry.Value.Endpoint is { } endpoint ? $"OTLP on ({WithoutSecrets(endpoint.ToString())})" : "OTLP off";
        var corsText = cors.Value.Origins.Count switch
        {
            0 => "CORS off",
            1 => "CORS 1 origin",
            var n => $"CORS {n} origins",
        };
        var portText = server.Value.ListenPort is { } port ? $", port {port}" : "";
        return $"ActorSync {version} starting: {tmdbText}, {cacheText}, {sentryText}, {otlpText}, {corsText}{portText}";
    }

    /// <summary>Scheme, host, port and path only: user info and query strings may carry credentials.</summary>
    private static string WithoutSecrets(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath.TrimEnd('/')}" : "?";
}
