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
        endpoints.MapGet("/health/simple", () => Results.Json(new { status = "healthy", version = Version }));
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
