using System.Reflection;

namespace ActorSync.GraphQL.Health;

public static class HealthEndpoints
{
    /// <summary>The informational version of this build (e.g. "0.1.0+abc123").</summary>
    public static string Version { get; } =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary><c>GET /health/simple</c>: touches no dependency, for load balancers.</summary>
    public static IEndpointRouteBuilder MapActorSyncHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health/simple", () => Results.Json(new { status = "healthy", version = Version }));
        return endpoints;
    }
}
