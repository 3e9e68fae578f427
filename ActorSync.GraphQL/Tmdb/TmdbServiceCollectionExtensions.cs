using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Hosting;
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
    public static IServiceCollection AddTmdb(this IServiceCollection services, ActorSyncSettings settings)
    {
        var options = settings.Tmdb;
        var mode = options.EffectiveMode;

        services.Configure<TmdbOptions>(o =>
        {
            o.ApiKey = options.ApiKey;
            o.Mode = options.Mode;
            o.BaseUrl = options.BaseUrl;
            o.ImageBaseUrl = options.ImageBaseUrl;
        });
        // The source is registered under a key: everything else reads TMDB through the cache (Caching/TmdbCache).
        if (mode == TmdbMode.Live)
        {
            services.AddTmdbHttpClient();
            services.AddKeyedTransient<ITmdbClient>(TmdbCache.SourceKey, (provider, _) => provider.GetRequiredService<TmdbHttpClient>());
        }
        else
        {
            // The snapshot without what no field of the schema reads (crews, credit ids): about 30 MB less for good.
            services.AddSingleton(new OfflineTmdbClient(OfflineContent.ReadByTheApi));
            services.AddKeyedSingleton<ITmdbClient>(TmdbCache.SourceKey, (provider, _) => provider.GetRequiredService<OfflineTmdbClient>());
            services.AddHostedService<OfflineSnapshotWarmUp>();
        }
        return services;
    }

    /// <summary>
    /// Reads the TMDB variables, adding one message (naming the variable) per bad value to <paramref name="problems"/>
    /// instead of stopping at the first, so start-up can report every problem at once. With an environment, also
    /// checks that the mode has the key it needs.
    /// </summary>
    public static TmdbOptions ReadOptions(IConfiguration configuration, IHostEnvironment? environment, ICollection<SettingProblem> problems)
    {
        var options = new TmdbOptions { ApiKey = NullIfBlank(configuration["TMDB_API_KEY"]) };
        var modeKnown = true;
        if (NullIfBlank(configuration["TMDB_MODE"]) is { } mode)
        {
            switch (mode.ToLowerInvariant())
            {
                case "auto":
                    options.Mode = TmdbMode.Auto;
                    break;
                case "live":
                    options.Mode = TmdbMode.Live;
                    break;
                case "offline":
                    options.Mode = TmdbMode.Offline;
                    break;
                default:
                    problems.Add(new("TMDB_MODE", $"TMDB_MODE must be auto, live or offline; got \"{mode}\"."));
                    modeKnown = false;
                    break;
            }
        }
        if (NullIfBlank(configuration["TMDB_BASE_URL"]) is { } baseUrl)
            options.BaseUrl = CheckAbsoluteUrl(baseUrl, "TMDB_BASE_URL", problems);
        if (NullIfBlank(configuration["TMDB_IMAGE_BASE_URL"]) is { } imageBaseUrl)
            options.ImageBaseUrl = CheckAbsoluteUrl(imageBaseUrl, "TMDB_IMAGE_BASE_URL", problems);

        // With a mode that is not one, whether a key is needed is not known yet: that problem alone is reported.
        if (environment is not null && modeKnown && string.IsNullOrWhiteSpace(options.ApiKey))
        {
            // In Production, only an explicit TMDB_MODE=offline may serve the snapshot: a forgotten key must not go unnoticed.
            if (environment.IsProduction() && options.Mode != TmdbMode.Offline)
                problems.Add(new("TMDB_API_KEY", "TMDB_API_KEY is not set. Set it to a TMDB v3 API key or v4 read access token, or set TMDB_MODE=offline to serve the bundled snapshot."));
            else if (options.Mode == TmdbMode.Live)
                problems.Add(new("TMDB_API_KEY", "TMDB_MODE=live needs TMDB_API_KEY (a TMDB v3 API key or v4 read access token)."));
        }
        return options;
    }

    private static string CheckAbsoluteUrl(string value, string name, ICollection<SettingProblem> problems)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return value;
        problems.Add(new(name, $"{name} must be an absolute http(s) URL; got \"{value}\"."));
        return name == "TMDB_BASE_URL" ? TmdbOptions.DefaultBaseUrl : TmdbOptions.DefaultImageBaseUrl;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Loads the offline snapshot in the background at start-up, so the first query does not wait for it.</summary>
internal sealed class OfflineSnapshotWarmUp(OfflineTmdbClient tmdb, ILogger<OfflineSnapshotWarmUp> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        tmdb.WarmUp();
        // Parsing leaves some garbage behind once (each line's DTOs before they become rows, the string pool's
        // table): compact now and give it back to the OS, so the steady footprint fits a 512 MB instance.
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        logger.LogInformation("Offline TMDB snapshot loaded in {Elapsed} ms", started.ElapsedMilliseconds);
    }, stoppingToken);
}
