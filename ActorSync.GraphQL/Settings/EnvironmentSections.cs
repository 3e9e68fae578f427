using System.Globalization;
using ActorSync.GraphQL.Health;
using ActorSync.GraphQL.Redis;
using StackExchange.Redis;

namespace ActorSync.GraphQL.Settings;

// The sections Render's variables set (EnvironmentVariables maps each variable onto its key). Their values are text
// bound as set: each class parses its own, once, in one place. A derived property (Connection, Origins, Networks…) is
// what the rest of the app reads; it is null or empty for a bad value, which Check reports with a message naming the
// variable an operator sets (SettingsCheck, before the host is built). A key no property matches (Redis__Ur) is
// reported like any section's.

/// <summary>The <c>Redis</c> section.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary><c>REDIS_URL</c>: <c>redis://[:password@]host:port[/db]</c> or <c>rediss://</c>; unset (the default) for the memory cache.</summary>
    public string? Url { get; set; }

    /// <summary>The connection's options from <see cref="Url"/>: null for the memory cache (or a bad URL, see <see cref="Check"/>).</summary>
    public ConfigurationOptions? Connection => Parse(null);

    public void Check(ICollection<SettingProblem> problems) => Parse(problems);

    private ConfigurationOptions? Parse(ICollection<SettingProblem>? problems)
    {
        if (EnvironmentSection.Text(Url) is not { } url)
            return null;
        try
        {
            return RedisUrl.Parse(url);
        }
        catch (InvalidOperationException ex)
        {
            // RedisUrl's messages never repeat the password.
            problems?.Add(new(EnvironmentSection.VariableOf(Section, nameof(Url)), ex.Message));
            return null;
        }
    }
}

/// <summary>The <c>Server</c> section.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary><c>PORT</c>: listen on 0.0.0.0 at this port (1 to 65535); unset (the default): ASP.NET Core's own settings.</summary>
    public string? Port { get; set; }

    /// <summary><see cref="Port"/> as a number: null when unset (or bad, see <see cref="Check"/>).</summary>
    public int? ListenPort => Parse(null);

    public void Check(ICollection<SettingProblem> problems) => Parse(problems);

    private int? Parse(ICollection<SettingProblem>? problems)
    {
        if (EnvironmentSection.Text(Port) is not { } port)
            return null;
        try
        {
            return PortConfiguration.Parse(port);
        }
        catch (InvalidOperationException ex)
        {
            problems?.Add(new(EnvironmentSection.VariableOf(Section, nameof(Port)), ex.Message));
            return null;
        }
    }
}

/// <summary>
/// The keys of Sentry's own section that ActorSync reads and checks itself: whether Sentry is on, the release and the
/// sample rate. The section's other keys are Sentry's (bound by Sentry.AspNetCore into its SentryAspNetCoreOptions).
/// </summary>
public sealed class ErrorTrackingOptions
{
    public const string Section = "Sentry";

    public const double DefaultTracesSampleRate = 0.1;

    /// <summary><c>SENTRY_DSN</c>: the project's DSN (<c>https://&lt;key&gt;@&lt;host&gt;/&lt;project&gt;</c>); unset (the default): Sentry off.</summary>
    public string? Dsn { get; set; }

    /// <summary>
    /// <c>SENTRY_RELEASE</c>: the release Sentry files events under. Once the options are read it is never blank:
    /// unset (the default), it is <c>RENDER_GIT_COMMIT</c> (the commit Render deployed), else the app's informational
    /// version (<see cref="DefaultRelease"/>, run as the section is read).
    /// </summary>
    public string? Release { get; set; }

    /// <summary><c>Sentry__TracesSampleRate</c>: the share of requests traced to Sentry, 0 to 1; default 0.1.</summary>
    public string? TracesSampleRate { get; set; }

    /// <summary><see cref="Dsn"/> when it is a Sentry DSN, else null: Sentry off (a bad one is reported by <see cref="Check"/>).</summary>
    public string? ValidDsn => ParseDsn(null);

    /// <summary><see cref="TracesSampleRate"/> as a number; <see cref="DefaultTracesSampleRate"/> when unset (or bad).</summary>
    public double TracesSampleRateOrDefault => ParseRate(null);

    /// <summary>Makes <see cref="Release"/> the one in force: its own value, else <paramref name="deployedCommit"/>, else the app's version.</summary>
    public void DefaultRelease(string? deployedCommit) =>
        Release = EnvironmentSection.Text(Release) ?? EnvironmentSection.Text(deployedCommit) ?? HealthEndpoints.Version;

    public void Check(ICollection<SettingProblem> problems)
    {
        ParseDsn(problems);
        ParseRate(problems);
    }

    private string? ParseDsn(ICollection<SettingProblem>? problems)
    {
        if (EnvironmentSection.Text(Dsn) is not { } dsn)
            return null;
        if (IsSentryDsn(dsn))
            return dsn;
        // The DSN is not echoed: it carries the project's key.
        problems?.Add(new(EnvironmentSection.VariableOf(Section, nameof(Dsn)), "SENTRY_DSN must be a Sentry DSN: an absolute http(s) URL with a key and a project id, like https://<key>@o0.ingest.sentry.io/<project>."));
        return null;
    }

    private double ParseRate(ICollection<SettingProblem>? problems)
    {
        if (EnvironmentSection.Text(TracesSampleRate) is not { } text)
            return DefaultTracesSampleRate;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1)
            return rate;
        var variable = EnvironmentSection.VariableOf(Section, nameof(TracesSampleRate));
        problems?.Add(new(variable, $"{variable} must be a number from 0 to 1; got \"{text}\"."));
        return DefaultTracesSampleRate;
    }

    /// <summary>A DSN names the project's public key (user info) and its id (the last path segment).</summary>
    private static bool IsSentryDsn(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && !string.IsNullOrEmpty(uri.UserInfo)
        && uri.AbsolutePath.Trim('/').Length > 0;
}

/// <summary>The <c>Cors</c> section.</summary>
public sealed class CorsOriginsOptions
{
    public const string Section = "Cors";

    /// <summary><c>ALLOWED_ORIGINS</c>: comma-separated origins (<c>https://app.example.com</c>); unset (the default): no cross-origin access.</summary>
    public string? AllowedOrigins { get; set; }

    /// <summary>The origins, normalized as browsers send them, without repeats (a bad entry is left out, see <see cref="Check"/>).</summary>
    public IReadOnlyList<string> Origins => Parse(null);

    public void Check(ICollection<SettingProblem> problems) => Parse(problems);

    private List<string> Parse(ICollection<SettingProblem>? problems)
    {
        var origins = new List<string>();
        foreach (var entry in EnvironmentSection.List(AllowedOrigins))
        {
            if (Origin(entry) is { } origin)
            {
                if (!origins.Contains(origin))
                    origins.Add(origin);
            }
            else
            {
                problems?.Add(new(EnvironmentSection.VariableOf(Section, nameof(AllowedOrigins)), $"ALLOWED_ORIGINS must list origins like https://app.example.com (scheme, host and port only: no path, no wildcard); \"{entry}\" is not one."));
            }
        }
        return origins;
    }

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
}

/// <summary>The <c>ForwardedHeaders</c> section.</summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Render's proxies reach the app from its private network.</summary>
    public const string DefaultTrustedProxies = "10.0.0.0/8";

    /// <summary><c>TRUSTED_PROXIES</c>: comma-separated CIDR networks whose X-Forwarded-For / -Proto are believed; default <c>10.0.0.0/8</c> (Render's private network).</summary>
    public string? TrustedProxies { get; set; }

    /// <summary>The networks of <see cref="TrustedProxies"/> (a bad entry is left out, see <see cref="Check"/>).</summary>
    public IReadOnlyList<System.Net.IPNetwork> Networks => Parse(null);

    public void Check(ICollection<SettingProblem> problems) => Parse(problems);

    private List<System.Net.IPNetwork> Parse(ICollection<SettingProblem>? problems)
    {
        var proxies = new List<System.Net.IPNetwork>();
        foreach (var cidr in EnvironmentSection.List(EnvironmentSection.Text(TrustedProxies) ?? DefaultTrustedProxies))
        {
            if (System.Net.IPNetwork.TryParse(cidr, out var network))
                proxies.Add(network);
            else
                problems?.Add(new(EnvironmentSection.VariableOf(Section, nameof(TrustedProxies)), $"TRUSTED_PROXIES must list CIDR networks such as 10.0.0.0/8; got \"{cidr}\"."));
        }
        return proxies;
    }
}

/// <summary>The <c>OpenTelemetry</c> section: ActorSync's copy of the <c>OTEL_*</c> variables it checks and decides with.</summary>
public sealed class OpenTelemetryExportOptions
{
    public const string Section = "OpenTelemetry";

    public const string DefaultServiceName = "actorsync";

    /// <summary><c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: the collector (absolute http(s) URL, no credentials); unset (the default): OpenTelemetry off.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>OTEL_EXPORTER_OTLP_PROTOCOL</c>: <c>grpc</c> or <c>http/protobuf</c>; unset (the default): the SDK's default.</summary>
    public string? OtlpProtocol { get; set; }

    /// <summary><c>OTEL_SERVICE_NAME</c>: the service name on every span, metric and log; default <c>actorsync</c>.</summary>
    public string? ServiceName { get; set; }

    /// <summary>The collector's endpoint, or null for OpenTelemetry off (also for a bad value, see <see cref="Check"/>).</summary>
    public Uri? Endpoint => Parse(null);

    public string ServiceNameOrDefault => EnvironmentSection.Text(ServiceName) ?? DefaultServiceName;

    /// <summary>The endpoint, and the protocol too (the SDK uses it).</summary>
    public void Check(ICollection<SettingProblem> problems) => Parse(problems);

    private Uri? Parse(ICollection<SettingProblem>? problems)
    {
        Uri? endpoint = null;
        if (EnvironmentSection.Text(OtlpEndpoint) is { } text)
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.UserInfo))
                endpoint = uri;
            else
                problems?.Add(new(EnvironmentSection.VariableOf(Section, nameof(OtlpEndpoint)), "OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL without credentials, like http://collector:4317; got "
                    + (text.Contains('@', StringComparison.Ordinal) ? "a value with credentials (not shown)." : $"\"{text}\".")));
        }
        if (EnvironmentSection.Text(OtlpProtocol) is { } protocol && protocol is not ("grpc" or "http/protobuf"))
            problems?.Add(new(EnvironmentSection.VariableOf(Section, nameof(OtlpProtocol)), $"OTEL_EXPORTER_OTLP_PROTOCOL must be grpc or http/protobuf; got \"{protocol}\"."));
        return endpoint;
    }
}

/// <summary>The <c>Render</c> section: what Render tells the instance about its deploy.</summary>
public sealed class RenderOptions
{
    public const string Section = "Render";

    /// <summary><c>RENDER_GIT_COMMIT</c>: the commit deployed, Sentry's release when <c>SENTRY_RELEASE</c> is unset; default none.</summary>
    public string? GitCommit { get; set; }
}

internal static class EnvironmentSection
{
    /// <summary>Trimmed; null when blank (a blank variable is unset, as ActorSync has always read them).</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string[] List(string? value) =>
        Text(value)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    public static string VariableOf(string section, string property) => EnvironmentVariables.VariableOf(ConfigurationPath.Combine(section, property));
}
