using ActorSync.GraphQL.Health;
using ActorSync.GraphQL.Redis;
using ActorSync.GraphQL.Settings;
using GraphQL;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ActorSync.GraphQL.Observability;

internal static class OpenTelemetrySetup
{
    /// <summary>The ActivitySource GraphQL.NET's telemetry (<c>UseTelemetry</c>) writes its spans to.</summary>
    public const string GraphQLActivitySource = "GraphQL";

    /// <summary>
    /// Traces, metrics and logs over OTLP, only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads it and
    /// the other standard <c>OTEL_*</c> variables itself). Traces: incoming requests, GraphQL executions, outgoing HTTP
    /// (TMDB) and Redis commands. Metrics: ASP.NET Core, HttpClient, the .NET runtime, and the app's own meter. Logs:
    /// every line the app writes (at the configured levels), each with the trace and span it was written in, so a
    /// collector can show a request's log lines beside its spans. <paramref name="export"/> is the <c>OpenTelemetry</c>
    /// section as it is now (the composition root reads it): whether OpenTelemetry is on, and whether Redis commands
    /// are traced (<paramref name="redisConfigured"/>), are decided while services are registered.
    /// </summary>
    public static void AddActorSyncOpenTelemetry(this WebApplicationBuilder builder, OpenTelemetryExportOptions export, bool redisConfigured)
    {
        if (export.Endpoint is null)
            return;

        builder.Services.AddGraphQL(graphql => graphql.UseTelemetry());
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                export.ServiceNameOrDefault,
                serviceVersion: HealthEndpoints.Version))
            .WithTracing(tracing =>
            {
                tracing
                    // Health checks every few seconds would drown the traces that matter.
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddSource(GraphQLActivitySource);
                if (redisConfigured)
                {
                    // The tracer is built as the host starts, before any request: connecting to Redis starts here, and
                    // the connection is instrumented the moment it exists (synchronously, ahead of the cache's first command).
                    tracing.AddRedisInstrumentation().ConfigureRedisInstrumentation((services, instrumentation) =>
                        services.GetService<RedisConnection>()?.GetAsync().ContinueWith(
                            connected => instrumentation.AddConnection(connected.Result),
                            CancellationToken.None,
                            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                            TaskScheduler.Default));
                }
                tracing.AddOtlpExporter();
            })
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(ActorSyncMetrics.MeterName)
                .AddOtlpExporter())
            .WithLogging(logging => logging.AddOtlpExporter(), options =>
            {
                // The rendered line as the console has it, beside its template and fields.
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            });
    }
}
