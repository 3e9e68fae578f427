using ActorSync.GraphQL.Redis;
using StackExchange.Redis;

namespace ActorSync.GraphQL.Settings;

// The sections Render's variables set (EnvironmentVariables maps each variable onto its key). Their values are text
// bound as set; each class parses and checks its own, with messages naming the variable an operator sets, and
// ActorSyncSettings gathers the parsed values. A key no property matches (Redis__Ur) is reported like any section's.

/// <summary>The <c>Redis</c> section.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary><c>REDIS_URL</c>: <c>redis://[:password@]host:port[/db]</c> or <c>rediss://</c>; unset (the default) for the memory cache.</summary>
    public string? Url { get; set; }

    /// <summary>The connection's options, or null for the memory cache (or when the URL is bad: a problem is added).</summary>
    public ConfigurationOptions? Parse(ICollection<SettingProblem> problems)
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
            problems.Add(new(EnvironmentSection.VariableOf(Section, nameof(Url)), ex.Message));
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

    public int? Parse(ICollection<SettingProblem> problems)
    {
        if (EnvironmentSection.Text(Port) is not { } port)
            return null;
        try
        {
            return PortConfiguration.Parse(port);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(new(EnvironmentSection.VariableOf(Section, nameof(Port)), ex.Message));
            return null;
        }
    }
}

/// <summary>The <c>Cors</c> section.</summary>
public sealed class CorsOriginsOptions
{
    public const string Section = "Cors";

    /// <summary><c>ALLOWED_ORIGINS</c>: comma-separated origins (<c>https://app.example.com</c>); unset (the default): no cross-origin access.</summary>
    public string? AllowedOrigins { get; set; }

    /// <summary>The origins, normalized as browsers send them, without repeats.</summary>
    public IReadOnlyList<string> Parse(ICollection<SettingProblem> problems)
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
                problems.Add(new(EnvironmentSection.VariableOf(Section, nameof(AllowedOrigins)), $"ALLOWED_ORIGINS must list origins like https://app.example.com (scheme, host and port only: no path, no wildcard); \"{entry}\" is not one."));
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

    public IReadOnlyList<System.Net.IPNetwork> Parse(ICollection<SettingProblem> problems)
    {
        var proxies = new List<System.Net.IPNetwork>();
        foreach (var cidr in EnvironmentSection.List(EnvironmentSection.Text(TrustedProxies) ?? DefaultTrustedProxies))
        {
            if (System.Net.IPNetwork.TryParse(cidr, out var network))
                proxies.Add(network);
            else
                problems.Add(new(EnvironmentSection.VariableOf(Section, nameof(TrustedProxies)), $"TRUSTED_PROXIES must list CIDR networks such as 10.0.0.0/8; got \"{cidr}\"."));
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

    /// <summary>The collector's endpoint, or null for OpenTelemetry off; the protocol is checked too (the SDK uses it).</summary>
    public Uri? Parse(ICollection<SettingProblem> problems)
    {
        Uri? endpoint = null;
        if (EnvironmentSection.Text(OtlpEndpoint) is { } text)
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.UserInfo))
                endpoint = uri;
            else
                problems.Add(new(EnvironmentSection.VariableOf(Section, nameof(OtlpEndpoint)), "OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL without credentials, like http://collector:4317; got "
                    + (text.Contains('@', StringComparison.Ordinal) ? "a value with credentials (not shown)." : $"\"{text}\".")));
        }
        if (EnvironmentSection.Text(OtlpProtocol) is { } protocol && protocol is not ("grpc" or "http/protobuf"))
            problems.Add(new(EnvironmentSection.VariableOf(Section, nameof(OtlpProtocol)), $"OTEL_EXPORTER_OTLP_PROTOCOL must be grpc or http/protobuf; got \"{protocol}\"."));
        return endpoint;
    }

    public string ServiceNameOrDefault => EnvironmentSection.Text(ServiceName) ?? DefaultServiceName;
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
