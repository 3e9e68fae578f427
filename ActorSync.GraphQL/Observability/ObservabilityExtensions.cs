using ActorSync.GraphQL.Hosting;
using GraphQL;

namespace ActorSync.GraphQL.Observability;

public static class ObservabilityExtensions
{
    /// <summary>
    /// Logs (JSON on the console in Production), per-request figures and the request log, the app's metrics, and, when
    /// their variables are set, Sentry and OpenTelemetry.
    /// </summary>
    public static WebApplicationBuilder AddActorSyncObservability(this WebApplicationBuilder builder, ActorSyncSettings settings)
    {
        if (builder.Environment.IsProduction())
        {
            // One JSON object per line: Render's log search and any log shipper can read the fields.
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole();
        }

        builder.Services.AddSingleton<ActorSyncMetrics>();
        builder.Services.AddScoped<RequestFigures>();
        builder.Services.AddGraphQL(graphql => graphql.AddDocumentListener<FiguresDocumentListener>());
        builder.AddActorSyncSentry(settings);
        builder.AddActorSyncOpenTelemetry(settings);
        return builder;
    }

    /// <summary>The request log: one line per GraphQL request. Put it before the endpoints.</summary>
    public static IApplicationBuilder UseActorSyncRequestLog(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestLogMiddleware>();
}
