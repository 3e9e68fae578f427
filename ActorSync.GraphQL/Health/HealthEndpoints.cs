using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorSync.GraphQL.Health;

public static class HealthEndpoints
{
    /// <summary>The informational version of this build (e.g. "0.1.0+abc123").</summary>
    public static string Version { get; } =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary><c>{"status":"healthy","version":"…"}</c>, escaped as System.Text.Json escapes it.</summary>
    private static readonly byte[] SimpleBody = WriteSimpleBody();

    private static byte[] WriteSimpleBody()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", "healthy");
            writer.WriteString("version", Version);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static IServiceCollection AddActorSyncHealth(this IServiceCollection services)
    {
        services.AddSingleton<TmdbHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<AppHealthCheck>("app")
            .AddCheck<CacheHealthCheck>("cache")
            .AddCheck<TmdbHealthCheck>("tmdb_api");
        return services;
    }

    /// <summary>
    /// <c>GET /health/simple</c>: touches no dependency, for load balancers. <c>GET /health/complete</c>: every
    /// check, 503 only when unhealthy (a degraded service still answers).
    /// </summary>
    public static IEndpointRouteBuilder MapActorSyncHealth(this IEndpointRouteBuilder endpoints)
    {
        // A RequestDelegate with its body written once: a minimal-API lambda would have routing compile an expression
        // tree for it, and Results.Json serialize an anonymous type by reflection, both at the first request.
        endpoints.MapMethods("/health/simple", [HttpMethods.Get], context =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = SimpleBody.Length;
            return context.Response.Body.WriteAsync(SimpleBody, context.RequestAborted).AsTask();
        }).WithDisplayName("Health: simple");
        endpoints.MapHealthChecks("/health/complete", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteAsync,
        });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e =>
            {
                var check = new Dictionary<string, object?> { ["status"] = Name(e.Value.Status) };
                foreach (var (key, value) in e.Value.Data)
                    check[key] = value;
                if (e.Value.Description is { } description)
                    check["description"] = description;
                return check;
            });
        return context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["status"] = Name(report.Status),
            ["version"] = Version,
            ["checks"] = checks,
        }));
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
