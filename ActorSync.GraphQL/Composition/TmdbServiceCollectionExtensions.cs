using ActorSync.GraphQL.Caching;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Http;
using ActorSync.Tmdb.Offline;

namespace ActorSync.GraphQL.Composition;

public static class TmdbServiceCollectionExtensions
{
    /// <summary>
    /// Picks the TMDB source from <c>TMDB_MODE</c> and <c>TMDB_API_KEY</c> (DESIGN.md §3), as <paramref name="tmdb"/>
    /// (the <c>Tmdb</c> keys read now; the container's <see cref="TmdbOptions"/> are the same, see SettingsSections): the
    /// bundled offline snapshot, or live TMDB. Either way, everything above sees one <see cref="ITmdbClient"/>.
    /// </summary>
    public static IServiceCollection AddTmdb(this IServiceCollection services, TmdbOptions tmdb)
    {
        // The source is registered under a key: everything else reads TMDB through the cache (Caching/TmdbCache).
        if (tmdb.EffectiveMode == TmdbMode.Live)
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
}

/// <summary>Loads the offline snapshot in the background at start-up, so the first query does not wait for it.</summary>
internal sealed class OfflineSnapshotWarmUp(OfflineTmdbClient tmdb, ILogger<OfflineSnapshotWarmUp> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        // The compact snapshot (ActorSync.Tmdb/Offline/CompactSnapshot.cs): people, the cast index and the movies'
        // titles now, each movie when first asked for. No forced GC after it: it leaves little garbage, and a full
        // compacting collection would cost a woken instance CPU it has little of.
        tmdb.WarmUp();
        logger.LogInformation("Offline TMDB snapshot loaded in {Elapsed} ms", started.ElapsedMilliseconds);
    }, stoppingToken);
}
