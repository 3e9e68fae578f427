using System.Text.Json;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Settings;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Security;

/// <summary>
/// HTTP hardening (DESIGN.md §7): forwarded headers from Render's proxy only, CORS from ALLOWED_ORIGINS,
/// security headers, HSTS in Production, and errors without stack traces outside Development.
/// </summary>
public static class HttpSecurity
{
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The IDE page runs its own scripts, styles, web workers and fonts from this origin, and calls this API.</summary>
    public const string IdeContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob: https:; font-src 'self' data:; connect-src 'self' https:; worker-src 'self' blob:; " +
        "frame-ancestors 'none'; base-uri 'self'";

    public static IServiceCollection AddActorSyncHttpSecurity(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((options, proxies) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the address the trusted proxy itself saw counts: anything a client wrote further left is ignored.
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in proxies.Value.Networks)
                options.KnownIPNetworks.Add(network);
        });

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CorsOriginsOptions>>((cors, allowed) => cors.AddDefaultPolicy(policy =>
        {
            var origins = allowed.Value.Origins;
            if (origins.Count > 0)
                policy.WithOrigins([.. origins]);
            policy.WithMethods("GET", "POST")
                // The trace context browsers' instrumentation sends (W3C Trace Context and Baggage, Sentry's own), so a
                // traced front end's preflight passes.
                .WithHeaders("Content-Type", "Accept", "GraphQL-Cost", "ActorSync-Figures", "traceparent", "tracestate", "baggage", "sentry-trace")
                .WithExposedHeaders("Retry-After", "RateLimit", "RateLimit-Policy", "X-Result-Cache")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        }));
        services.AddSingleton<SecurityEvents>();
        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
            // The default skips localhost; behind Render the host is the service's own name anyway.
            hsts.ExcludedHosts.Clear();
        });
        return services;
    }

    public static WebApplication UseActorSyncHttpSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(handler => handler.Run(WriteInternalErrorAsync));
            // TLS ends at Render's proxy: HSTS goes on requests that arrived over HTTPS there (X-Forwarded-Proto),
            // and a plain HTTP request reaching the app directly is never redirected.
            app.UseHsts();
        }
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                var html = context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
                // An endpoint that knows better keeps its own: the IDE's scripts and service worker are not HTML but
                // run under the IDE's policy (Http/BananaCakePop.cs).
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                    headers.ContentSecurityPolicy = html ? IdeContentSecurityPolicy : ApiContentSecurityPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseCors();
        return app;
    }

    /// <summary>An exception outside GraphQL execution: a generic GraphQL-shaped error, the details only in the log.</summary>
    private static async Task WriteInternalErrorAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ActorSync.Errors")
            .LogError(error, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            errors = new[] { new { message = ActorSyncErrorInfoProvider.InternalMessage, extensions = new { code = ErrorCodes.InternalServerError } } },
        }));
    }
}
