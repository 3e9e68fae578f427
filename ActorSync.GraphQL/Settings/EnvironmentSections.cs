namespace ActorSync.GraphQL.Settings;

// The sections Render's variables set (EnvironmentVariables maps each variable onto its key). Their values are text:
// ActorSyncSettings parses and checks them, with messages naming the variable; a key no property matches
// (Redis__Ur) is reported like any other section's.

/// <summary>The <c>Redis</c> section.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary><c>REDIS_URL</c>: <c>redis://[:password@]host:port[/db]</c> or <c>rediss://</c>; unset (the default) for the memory cache.</summary>
    public string? Url { get; set; }
}

/// <summary>The <c>Server</c> section.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary><c>PORT</c>: listen on 0.0.0.0 at this port (1 to 65535); unset (the default): ASP.NET Core's own settings.</summary>
    public string? Port { get; set; }
}

/// <summary>The <c>Cors</c> section.</summary>
public sealed class CorsOriginsOptions
{
    public const string Section = "Cors";

    /// <summary><c>ALLOWED_ORIGINS</c>: comma-separated origins (<c>https://app.example.com</c>); unset (the default): no cross-origin access.</summary>
    public string? AllowedOrigins { get; set; }
}

/// <summary>The <c>ForwardedHeaders</c> section.</summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary><c>TRUSTED_PROXIES</c>: comma-separated CIDR networks whose X-Forwarded-For / -Proto are believed; default <c>10.0.0.0/8</c> (Render's private network).</summary>
    public string? TrustedProxies { get; set; }
}

/// <summary>The <c>OpenTelemetry</c> section: ActorSync's copy of the <c>OTEL_*</c> variables it checks and decides with.</summary>
public sealed class OpenTelemetryExportOptions
{
    public const string Section = "OpenTelemetry";

    /// <summary><c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: the collector (absolute http(s) URL, no credentials); unset (the default): OpenTelemetry off.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>OTEL_EXPORTER_OTLP_PROTOCOL</c>: <c>grpc</c> or <c>http/protobuf</c>; unset (the default): the SDK's default.</summary>
    public string? OtlpProtocol { get; set; }

    /// <summary><c>OTEL_SERVICE_NAME</c>: the service name on every span, metric and log; default <c>actorsync</c>.</summary>
    public string? ServiceName { get; set; }
}

/// <summary>The <c>Render</c> section: what Render tells the instance about its deploy.</summary>
public sealed class RenderOptions
{
    public const string Section = "Render";

    /// <summary><c>RENDER_GIT_COMMIT</c>: the commit deployed, Sentry's release when <c>SENTRY_RELEASE</c> is unset; default none.</summary>
    public string? GitCommit { get; set; }
}
