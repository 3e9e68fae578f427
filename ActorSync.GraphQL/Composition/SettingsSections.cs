using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.DataLoading;
using ActorSync.GraphQL.Health;
using ActorSync.GraphQL.Http;
using ActorSync.GraphQL.Paths;
using ActorSync.GraphQL.Persisted;
using ActorSync.GraphQL.Security;
using ActorSync.GraphQL.Settings;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Sentry.AspNetCore;

namespace ActorSync.GraphQL.Composition;

/// <summary>
/// The one list of configuration sections: ActorSync's own (each bound to its typed options, registered with its
/// rules and checked on start) and the libraries' sections whose values could otherwise fail after start. A new
/// options class is added here, and nowhere else.
/// </summary>
public static class SettingsSections
{
    public static readonly OptionsSection<QueryLimitsOptions> QueryLimits = new("QueryLimits");
    public static readonly OptionsSection<RateLimitOptions> RateLimits = new("RateLimits");
    public static readonly OptionsSection<GraphQLHttpOptions> GraphQLHttp = new("GraphQLHttp");
    public static readonly OptionsSection<DataLoaderOptions> DataLoaders = new("DataLoaders");
    public static readonly OptionsSection<PersistedOperationsOptions> PersistedOperations = new("PersistedOperations");
    public static readonly OptionsSection<PathSearchOptions> PathSearch = new("PathSearch");
    public static readonly OptionsSection<CacheOptions> Caching = new("Caching");
    public static readonly OptionsSection<HealthOptions> Health = new("Health");
    public static readonly OptionsSection<TmdbResilienceOptions> TmdbResilience = new("Tmdb:Resilience");
    public static readonly OptionsSection<TmdbFairShareOptions> TmdbFairShare = new("Tmdb:FairShare");

    public static readonly OptionsSection<BananaCakePopOptions> BananaCakePop = new("BananaCakePop");

    // The sections Render's variables set (EnvironmentVariables): each class parses and checks its own text values.
    public static readonly OptionsSection<RedisOptions> Redis = new(RedisOptions.Section);
    public static readonly OptionsSection<ServerOptions> Server = new(ServerOptions.Section);
    public static readonly OptionsSection<CorsOriginsOptions> Cors = new(CorsOriginsOptions.Section);
    public static readonly OptionsSection<TrustedProxyOptions> ForwardedHeaders = new(TrustedProxyOptions.Section);
    public static readonly OptionsSection<OpenTelemetryExportOptions> OpenTelemetry = new(OpenTelemetryExportOptions.Section);
    public static readonly OptionsSection<RenderOptions> Render = new(RenderOptions.Section);

    /// <summary>
    /// The keys of Sentry's section ActorSync reads itself (its other keys are Sentry's, see <see cref="Libraries"/>).
    /// The release defaults to the commit Render deployed, a key of another section: filled in as the options are read.
    /// </summary>
    public static readonly OptionsSection<ErrorTrackingOptions> ErrorTracking = new(ErrorTrackingOptions.Section, owned: false)
    {
        Complete = (sentry, configuration) => sentry.DefaultRelease(Render.Read(configuration).GitCommit),
    };

    /// <summary>ActorSync's sections: every key under them is a setting of one of these classes.</summary>
    public static IReadOnlyList<OptionsSection> Owned { get; } =
        [QueryLimits, RateLimits, GraphQLHttp, DataLoaders, PersistedOperations, PathSearch, Caching, Health, TmdbResilience, TmdbFairShare, BananaCakePop,
            Redis, Server, Cors, ForwardedHeaders, OpenTelemetry, Render];

    /// <summary>
    /// Libraries' sections bound after start (Kestrel's limits as the server starts, Sentry's with a DSN). Sentry's keys
    /// that ActorSync reads itself are checked by <see cref="ErrorTrackingOptions"/>, not twice.
    /// </summary>
    public static IReadOnlyList<OptionsSection> Libraries { get; } =
        [new OptionsSection<KestrelServerLimits>("Kestrel:Limits", owned: false), new OptionsSection<SentryAspNetCoreOptions>("Sentry", owned: false) { CheckedElsewhere = ["TracesSampleRate", "Dsn", "Release"] }];

    /// <summary>
    /// Binds every section of ours to its options, with its rules checked when the host starts; also Sentry's keys
    /// (<see cref="ErrorTracking"/>) and the <c>Tmdb</c> keys (<see cref="TmdbOptions"/>, read by <see cref="TmdbSettings"/>).
    /// </summary>
    public static IServiceCollection AddActorSyncOptions(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var section in Owned)
            section.Register(services, configuration);
        ErrorTracking.Register(services, configuration);
        services.AddOptions<TmdbOptions>().Configure(options => TmdbSettings.Bind(configuration, options));
        return services;
    }

    /// <summary>
    /// Adds a problem for each bad value of the sections Render's variables set, in the order an operator has always
    /// read them in the one line: TMDB, Redis, port, Sentry, CORS, proxies, OpenTelemetry.
    /// </summary>
    public static void CheckVariables(IConfiguration configuration, IHostEnvironment environment, ICollection<SettingProblem> problems)
    {
        TmdbSettings.Read(configuration, environment, problems);
        Redis.Read(configuration).Check(problems);
        Server.Read(configuration).Check(problems);
        ErrorTracking.Read(configuration).Check(problems);
        Cors.Read(configuration).Check(problems);
        ForwardedHeaders.Read(configuration).Check(problems);
        OpenTelemetry.Read(configuration).Check(problems);
    }

    /// <summary>Adds a problem for every bad value, unknown key or broken rule in any section.</summary>
    public static void Check(IConfiguration configuration, ICollection<SettingProblem> problems)
    {
        foreach (var section in Owned.Concat(Libraries))
            section.Check(configuration, problems);
        CheckParents(configuration, problems);
        CheckSectionNames(configuration, problems);
        LogLevels.Check(configuration, problems);
    }

    /// <summary>
    /// <c>Tmdb</c> holds only <c>Resilience</c>, <c>FairShare</c> and the keys the <c>TMDB_*</c> variables set
    /// (<see cref="EnvironmentVariables"/>): anything else beside them is a typo.
    /// </summary>
    private static void CheckParents(IConfiguration configuration, ICollection<SettingProblem> problems)
    {
        foreach (var family in Owned.Where(s => s.Path.Contains(':', StringComparison.Ordinal)).GroupBy(s => ConfigurationPath.GetParentPath(s.Path)!))
        {
            var children = family.Select(section => section.Path)
                .Concat(EnvironmentVariables.Table.Select(mapping => mapping.Key)
                    .Where(key => string.Equals(ConfigurationPath.GetParentPath(key), family.Key, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            foreach (var child in configuration.GetSection(family.Key).GetChildren())
            {
                if (children.Contains(child.Path, StringComparer.OrdinalIgnoreCase))
                    continue;
                if (Suggestion.Closest(child.Path, children) is { } meant)
                    Misplaced(child, meant, problems);
                else
                    problems.Add(OptionsSection.UnknownKey(child, children));
            }
        }
    }

    /// <summary>
    /// A section name one or two letters off one of ours (<c>QueryLimit__MaxCost</c>) is a typo: its settings would be
    /// ignored. Only names with keys under them are looked at (plain variables such as PATH are not settings sections).
    /// </summary>
    private static void CheckSectionNames(IConfiguration configuration, ICollection<SettingProblem> problems)
    {
        var roots = Owned.Concat(Libraries).Select(section => section.Path.Split(':')[0]).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var top in configuration.GetChildren())
        {
            if (roots.Contains(top.Key, StringComparer.OrdinalIgnoreCase) || Suggestion.Closest(top.Key, roots) is not { } meant)
                continue;
            Misplaced(top, meant, problems);
        }
    }

    /// <summary>Each value set under a misspelt section, with the variable meant (<c>Tmdb__Resilience__MaxRetries</c>).</summary>
    private static void Misplaced(IConfigurationSection misspelt, string meant, ICollection<SettingProblem> problems)
    {
        foreach (var (key, value) in misspelt.AsEnumerable())
        {
            if (value is null)
                continue;
            var variable = SettingProblem.VariableOf(key);
            problems.Add(new(variable, $"{variable} is not a setting; did you mean {SettingProblem.VariableOf(meant + key[misspelt.Path.Length..])}?"));
        }
    }
}

/// <summary>
/// <c>Logging:LogLevel:*</c> (and a provider's, <c>Logging:Console:LogLevel:*</c>): .NET throws on a level it does not
/// know when the first logger is made, which would end the start with a stack trace.
/// </summary>
internal static class LogLevels
{
    public static void Check(IConfiguration configuration, ICollection<SettingProblem> problems)
    {
        foreach (var (key, value) in configuration.GetSection("Logging").AsEnumerable())
        {
            if (string.IsNullOrEmpty(value) || ConfigurationPath.GetSectionKey(ConfigurationPath.GetParentPath(key) ?? "") is not { } parent
                || !parent.Equals("LogLevel", StringComparison.OrdinalIgnoreCase) || Enum.TryParse<LogLevel>(value, ignoreCase: true, out _))
            {
                continue;
            }
            var variable = SettingProblem.VariableOf(key);
            problems.Add(new(variable, $"{variable} must be one of Trace, Debug, Information, Warning, Error, Critical or None; got \"{value}\"."));
        }
    }
}
