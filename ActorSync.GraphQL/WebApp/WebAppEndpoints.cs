using ActorSync.GraphQL.Persisted;
using ActorSync.Tmdb;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ActorSync.GraphQL.WebApp;

/// <summary>
/// Serves the web app: its page at <c>/</c>, <c>/movies</c> and <c>/path</c> (whatever the query string: the app
/// reads it), revalidated on every visit; its assets under <c>/assets/</c>, named by content hash and so cached for
/// good; each in the precompressed variant the browser accepts (brotli, then gzip). <c>/graphql</c>, the IDE and
/// <c>/health/*</c> are untouched.
/// </summary>
public static class WebAppEndpoints
{
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";
    public const string RevalidateCacheControl = "no-cache";

    /// <summary>The app's screens: each is a client-side route of the same page.</summary>
    public static readonly string[] Pages = ["/", "/movies", "/path"];

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>The app's files, and its operations registered as trusted documents (so OnlyPersisted works with it).</summary>
    public static IServiceCollection AddActorSyncWebApp(this IServiceCollection services)
    {
        services.AddSingleton(_ => WebAppFiles.Installed());
        services.AddSingleton<ITrustedDocumentSource>(provider => new TrustedDocumentSource("web app", provider.GetRequiredService<WebAppFiles>().Documents));
        return services;
    }

    public static IEndpointRouteBuilder MapActorSyncWebApp(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var files = services.GetRequiredService<WebAppFiles>();
        var policy = ContentSecurityPolicy(services.GetRequiredService<IOptions<TmdbOptions>>().Value.ImageBaseUrl);
        if (!files.Available)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebAppEndpoints))
                .LogWarning("The web app is not served: {Directory} has no index.html. The build makes it with npm; install Node.js and npm and build again.", files.Directory);
        }

        // Any method reaches these, so that other methods keep the 404 these paths answered before the app existed
        // (routing's 405 would be new HTTP behaviour, and CONNECT's authority-form target lands on "/").
        foreach (var page in Pages)
        {
            endpoints.Map(page, context => !IsGetOrHead(context) ? EmptyNotFound(context)
                : files.Available ? ServeAsync(context, files.Find("index.html")!, RevalidateCacheControl, policy)
                : NotBuiltAsync(context)).WithDisplayName($"Web app page {page}");
        }
        endpoints.Map("/favicon.svg", context => !IsGetOrHead(context) ? EmptyNotFound(context)
            : ServeOrNotFound(context, files, "favicon.svg", RevalidateCacheControl, policy)).WithDisplayName("Web app icon");
        endpoints.Map("/assets/{**file}", context => !IsGetOrHead(context) ? EmptyNotFound(context)
            : ServeOrNotFound(context, files, "assets/" + (string?)context.Request.RouteValues["file"], ImmutableCacheControl, policy))
            .WithDisplayName("Web app assets");
        return endpoints;
    }

    /// <summary>
    /// Scripts and styles from this origin only (no inline code), images from this origin and TMDB's image host,
    /// requests to this origin only (the API).
    /// </summary>
    public static string ContentSecurityPolicy(string imageBaseUrl)
    {
        var images = Uri.TryCreate(imageBaseUrl, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "";
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'" + images + "; connect-src 'self'; " +
               "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static Task ServeOrNotFound(HttpContext context, WebAppFiles files, string relative, string cacheControl, string policy) =>
        files.Find(relative) is { } path ? ServeAsync(context, path, cacheControl, policy) : NotFoundAsync(context);

    private static Task ServeAsync(HttpContext context, string path, string cacheControl, string policy)
    {
        if (!ContentTypes.TryGetContentType(path, out var contentType))
            contentType = "application/octet-stream";
        if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal) || contentType.EndsWith("+xml", StringComparison.Ordinal))
            contentType += "; charset=utf-8";

        var headers = context.Response.Headers;
        headers.CacheControl = cacheControl;
        headers.ContentSecurityPolicy = policy;
        // The same URL has up to three bodies, chosen by Accept-Encoding: caches must keep them apart.
        headers.Vary = HeaderNames.AcceptEncoding;
        var (file, encoding) = Precompressed.Choose(context.Request.Headers.AcceptEncoding, path);
        if (encoding is not null)
            headers.ContentEncoding = encoding;

        var info = new FileInfo(file);
        var etag = new EntityTagHeaderValue($"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}{(encoding is null ? "" : "-" + encoding)}\"");
        // Handles HEAD, If-None-Match and If-Modified-Since (304) the way the static files middleware does.
        return TypedResults.PhysicalFile(file, contentType, lastModified: info.LastWriteTimeUtc, entityTag: etag).ExecuteAsync(context);
    }

    private static bool IsGetOrHead(HttpContext context) => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);

    private static Task EmptyNotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("Not found.\n", context.RequestAborted);
    }

    private static Task NotBuiltAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = RevalidateCacheControl;
        return context.Response.WriteAsync(
            "The ActorSync web app is not installed in this build.\n\n"
            + "The build makes it from ActorSync.Web (npm ci, then npm run build) and copies it to the web/ folder next to\n"
            + "the app, but npm was not available. Install Node.js (22 or newer) and npm, then build again (dotnet build,\n"
            + "dotnet run or dotnet publish).\n\n"
            + "The GraphQL API works without it: POST queries to /graphql, or open /graphql/ in a browser for the IDE.\n",
            context.RequestAborted);
    }
}
