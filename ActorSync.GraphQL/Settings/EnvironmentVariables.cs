namespace ActorSync.GraphQL.Settings;

/// <summary>
/// The one table of the environment variables Render and the Ruby app's conventions use (<c>TMDB_API_KEY</c>,
/// <c>REDIS_URL</c>, <c>PORT</c>…), each mapped onto a key of a configuration section (<c>Tmdb:ApiKey</c>,
/// <c>Redis:Url</c>, <c>Server:Port</c>…). The mapping is a configuration source added last, so the rest of the app
/// reads sections only. A value set both ways (<c>TMDB_MODE</c> and <c>Tmdb__Mode</c>): the environment variable wins,
/// as it is the name Render's dashboard and render.yaml use. The reverse direction names the variable in problem
/// messages (<see cref="VariableOf"/>), so an operator reads the name they set.
/// </summary>
public static class EnvironmentVariables
{
    /// <summary>One variable and the configuration key it sets.</summary>
    public sealed record Mapping(string Variable, string Key);

    /// <summary>
    /// Every mapped variable. The <c>OTEL_*</c> ones are copied, not moved: the OpenTelemetry SDK still reads them (and
    /// every other <c>OTEL_*</c> variable) itself; the copy is what ActorSync checks and decides with.
    /// </summary>
    public static IReadOnlyList<Mapping> Table { get; } =
    [
        new("TMDB_API_KEY", "Tmdb:ApiKey"),
        new("TMDB_MODE", "Tmdb:Mode"),
        new("TMDB_BASE_URL", "Tmdb:BaseUrl"),
        new("TMDB_IMAGE_BASE_URL", "Tmdb:ImageBaseUrl"),
        new("REDIS_URL", "Redis:Url"),
        new("PORT", "Server:Port"),
        // The keys Sentry.AspNetCore binds itself from its section (SentryOptions.Dsn, .Release): the two agree.
        new("SENTRY_DSN", "Sentry:Dsn"),
        new("SENTRY_RELEASE", "Sentry:Release"),
        // Not Sentry:Release: it is only the fallback when no release is set, and must not override one set explicitly.
        new("RENDER_GIT_COMMIT", "Render:GitCommit"),
        new("ALLOWED_ORIGINS", "Cors:AllowedOrigins"),
        new("TRUSTED_PROXIES", "ForwardedHeaders:TrustedProxies"),
        new("OTEL_EXPORTER_OTLP_ENDPOINT", "OpenTelemetry:OtlpEndpoint"),
        new("OTEL_EXPORTER_OTLP_PROTOCOL", "OpenTelemetry:OtlpProtocol"),
        new("OTEL_SERVICE_NAME", "OpenTelemetry:ServiceName"),
    ];

    /// <summary>
    /// The variable an operator sets for a configuration key: the mapped one (<c>Tmdb:Mode</c> is <c>TMDB_MODE</c>),
    /// else the key in ASP.NET Core's form (<c>QueryLimits:MaxCost</c> is <c>QueryLimits__MaxCost</c>).
    /// </summary>
    public static string VariableOf(string configurationKey) =>
        Table.FirstOrDefault(mapping => mapping.Key.Equals(configurationKey, StringComparison.OrdinalIgnoreCase))?.Variable
        ?? configurationKey.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal);

    /// <summary>Adds the mapping over everything <paramref name="builder"/> holds (and any source added later).</summary>
    public static IConfigurationBuilder AddEnvironmentVariableMapping(this IConfigurationManager builder)
    {
        if (!IsMapped(builder))
            builder.Add(new EnvironmentVariablesSource(builder));
        return builder;
    }

    /// <summary>
    /// <paramref name="configuration"/> with the mapping: itself when it has it already (Program's), else a view with
    /// it on top (a configuration built by hand, as the start-up check's tests do).
    /// </summary>
    public static IConfiguration Mapped(IConfiguration configuration) => configuration switch
    {
        _ when IsMapped(configuration) => configuration,
        // The same providers (a chained configuration would turn a blank value into a missing one, and blank is unset).
        IConfigurationRoot root => new ConfigurationRoot([.. root.Providers, new EnvironmentVariablesProvider(configuration)]),
        _ => new ConfigurationBuilder()
            .AddConfiguration(configuration, shouldDisposeConfiguration: false)
            .Add(new EnvironmentVariablesSource(configuration))
            .Build(),
    };

    private static bool IsMapped(IConfiguration configuration) =>
        configuration is IConfigurationRoot root && root.Providers.Any(provider => provider is EnvironmentVariablesProvider);
}

/// <summary>Serves the table's keys from the variables of a configuration (read when asked, so later sources count).</summary>
internal sealed class EnvironmentVariablesSource(IConfiguration variables) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new EnvironmentVariablesProvider(variables);
}

internal sealed class EnvironmentVariablesProvider(IConfiguration variables) : ConfigurationProvider
{
    // The variables are read through the whole configuration, this provider included: safe, since no variable name
    // (TMDB_MODE) is also a mapped key (Tmdb:Mode), so a look-up of a variable never comes back here for a value.
    public override bool TryGet(string key, out string? value)
    {
        foreach (var mapping in EnvironmentVariables.Table)
        {
            if (mapping.Key.Equals(key, StringComparison.OrdinalIgnoreCase) && Set(mapping) is { } set)
            {
                value = set;
                return true;
            }
        }
        value = null;
        return false;
    }

    public override void Set(string key, string? value)
    {
        // Read-only: the variables are the truth; a key set directly lives in another provider.
    }

    public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
    {
        var prefix = parentPath is null ? "" : parentPath + ConfigurationPath.KeyDelimiter;
        var keys = earlierKeys.ToList();
        foreach (var mapping in EnvironmentVariables.Table)
        {
            if (mapping.Key.Length > prefix.Length && mapping.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && Set(mapping) is not null)
                keys.Add(mapping.Key[prefix.Length..].Split(ConfigurationPath.KeyDelimiter)[0]);
        }
        keys.Sort(ConfigurationKeyComparer.Instance);
        return keys;
    }

    /// <summary>A blank variable is unset, as ActorSync has always read them: the section's own value or default stands.</summary>
    private string? Set(EnvironmentVariables.Mapping mapping) =>
        variables[mapping.Variable] is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;
}
