using ActorSync.GraphQL.Settings;
using ActorSync.Tmdb;
using GraphQL;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Logging.Debug;
using Microsoft.Extensions.Logging.EventSource;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Observability;

public static class ObservabilityExtensions
{
    /// <summary>
    /// Logs (JSON on the console in Production), per-request figures and the request log, the app's metrics, and, when
    /// their variables are set, Sentry and OpenTelemetry. The arguments are the sections as they are now (the
    /// composition root reads them): whether Sentry and OpenTelemetry are added at all is decided here.
    /// </summary>
    public static WebApplicationBuilder AddActorSyncObservability(this WebApplicationBuilder builder,
        ErrorTrackingOptions sentry, OpenTelemetryExportOptions openTelemetry, TmdbOptions tmdb, RedisOptions redis)
    {
        if (builder.Environment.IsProduction())
        {
            // One JSON object per line: Render's log search and any log shipper can read the fields. Our own writer
            // replaces the console logger, which cost a quarter of the CPU at a request line each (JsonLinesLoggerProvider).
            // The host's EventSource and Debug providers go too: in the container nothing listens to the one and no
            // debugger attaches to the other, and creating them is start-up work.
            Type[] replaced = [typeof(ConsoleLoggerProvider), typeof(EventSourceLoggerProvider), typeof(DebugLoggerProvider)];
            foreach (var provider in builder.Services.Where(d => d.ServiceType == typeof(ILoggerProvider) && replaced.Contains(d.ImplementationType)).ToArray())
                builder.Services.Remove(provider);
            // Created by the container, so disposed with it at shutdown: the last lines are written then. Each line
            // carries the ids of the current activity the host's ActivityTrackingOptions name (TraceId, SpanId, ParentId).
            builder.Services.AddSingleton<ILoggerProvider>(services => new JsonLinesLoggerProvider(
                services.GetService<JsonLinesOutput>()?.Stream ?? Console.OpenStandardOutput(),
                services.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value.ActivityTrackingOptions));
        }
        else
        {
            // Scopes shown: the host's activity tracking puts SpanId, TraceId and ParentId in a scope of every line
            // written during a request (and ASP.NET Core its RequestPath and RequestId).
            builder.Logging.AddSimpleConsole(console => console.IncludeScopes = true);
        }
        RequestActivity.EnsureStarted();

        builder.Services.AddSingleton<ActorSyncMetrics>();
        // The request log puts each GraphQL request's figures on its HttpContext; services of that request (the entity
        // cache, the figures listener) get the same instance, and any other scope a fresh one that nobody reads.
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped(provider =>
            provider.GetRequiredService<IHttpContextAccessor>().HttpContext is { } http && RequestFigures.Of(http) is { } figures ? figures : new RequestFigures());
        builder.Services.AddGraphQL(graphql => graphql.AddDocumentListener<FiguresDocumentListener>());
        builder.AddActorSyncSentry(sentry, tmdb.ApiKey);
        builder.AddActorSyncOpenTelemetry(openTelemetry, redisConfigured: redis.Connection is not null);
        return builder;
    }

    /// <summary>
    /// The request log: one line per GraphQL request. Put it before the endpoints. Built directly, not with
    /// UseMiddleware, whose reflection (finding InvokeAsync, binding its parameters) is start-up CPU for nothing.
    /// </summary>
    public static IApplicationBuilder UseActorSyncRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILogger<RequestLogMiddleware>>();
        return app.Use(next => new RequestLogMiddleware(next, logger).InvokeAsync);
    }
}
