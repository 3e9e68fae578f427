using ActorSync.GraphQL.Caching;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Http;
using ActorSync.Tmdb.Offline;

namespace ActorSync.GraphQL.Tmdb;

public static class TmdbServiceCollectionExtensions
{
    /// <summary>
    /// Picks the TMDB source from <c>TMDB_MODE</c> and <c>TMDB_API_KEY</c> (DESIGN.md §3): the bundled offline
    /// snapshot, or live TMDB. Either way, everything above sees one <see cref="ITmdbClient"/>.
    /// </summary>
    public static IServiceCollection AddTmdb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = ReadOptions(configuration);
        var mode = options.EffectiveMode;
        // In Production, only an explicit TMDB_MODE=offline may serve the snapshot: a forgotten key must not go unnoticed.
        if (environment.IsProduction() && options.Mode != TmdbMode.Offline && string.IsNullOrWhiteSpace(options.ApiKey))
            throw new InvalidOperationException("TMDB_API_KEY is not set. Set it to a TMDB v3 API key or v4 read access token, or set TMDB_MODE=offline to serve the bundled snapshot.");
        if (mode == TmdbMode.Live && string.IsNullOrWhiteSpace(options.ApiKey))
            throw new InvalidOperationException("TMDB_MODE=live needs TMDB_API_KEY (a TMDB v3 API key or v4 read access token).");

        services.Configure<TmdbOptions>(o =>
        {
            o.ApiKey = options.ApiKey;
            o.Mode = options.Mode;
            o.BaseUrl = options.BaseUrl;
            o.ImageBaseUrl = options.ImageBaseUrl;
        });
        services.Configure<TmdbResilienceOptions>(configuration.GetSection("Tmdb:Resilience"));
        // The source is registered under a key: everything else reads TMDB through the cache (Caching/TmdbCache).
        if (mode == TmdbMode.Live)
        {
            services.AddTmdbHttpClient();
            services.AddKeyedTransient<ITmdbClient>(TmdbCache.SourceKey, (provider, _) => provider.GetRequiredService<TmdbHttpClient>());
        }
        else
        {
            services.AddSingleton<OfflineTmdbClient>();
            services.AddKeyedSingleton<ITmdbClient>(TmdbCache.SourceKey, (provider, _) => provider.GetRequiredService<OfflineTmdbClient>());
            services.AddHostedService<OfflineSnapshotWarmUp>();
        }
        return services;
    }

    public static TmdbOptions ReadOptions(IConfiguration configuration)
    {
        var options = new TmdbOptions { ApiKey = NullIfBlank(configuration["TMDB_API_KEY"]) };
        if (NullIfBlank(configuration["TMDB_MODE"]) is { } mode)
        {
            options.Mode = mode.ToLowerInvariant() switch
            {
                "auto" => TmdbMode.Auto,
                "live" => TmdbMode.Live,
                "offline" => TmdbMode.Offline,
                _ => throw new InvalidOperationException($"TMDB_MODE must be auto, live or offline; got \"{mode}\"."),
            };
        }
        if (NullIfBlank(configuration["TMDB_BASE_URL"]) is { } baseUrl)
            options.BaseUrl = RequireAbsoluteUrl(baseUrl, "TMDB_BASE_URL");
        if (NullIfBlank(configuration["TMDB_IMAGE_BASE_URL"]) is { } imageBaseUrl)
            options.ImageBaseUrl = RequireAbsoluteUrl(imageBaseUrl, "TMDB_IMAGE_BASE_URL");
        return options;
    }

    private static string RequireAbsoluteUrl(string value, string name) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? value
            : throw new InvalidOperationException($"{name} must be an absolute http(s) URL; got \"{value}\".");

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Loads the offline snapshot in the background at start-up, so the first query does not wait for it.</summary>
internal sealed class OfflineSnapshotWarmUp(ILogger<OfflineSnapshotWarmUp> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        OfflineTmdbClient.WarmUp();
        logger.LogInformation("Offline TMDB snapshot loaded in {Elapsed} ms", started.ElapsedMilliseconds);
    }, stoppingToken);
}
