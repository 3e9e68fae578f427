using ActorSync.GraphQL.Schema;
using ActorSync.GraphQL.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ActorSync.GraphQL.Http;

/// <summary>
/// Banana Cake Pop, the GraphQL IDE, self-hosted the way its own npm middleware
/// (<c>@chillicream/bananacakepop-express-middleware</c>, "self" mode) does it: a browser's GET of <c>/graphql</c>
/// redirects to <c>/graphql/</c>, which serves the IDE's files; <c>/graphql/bcp-config.json</c> tells the IDE to use
/// the URL it was loaded from as its endpoint. GraphQL requests to <c>/graphql</c> and <c>/graphql/</c> still reach
/// <see cref="GraphQLEndpoint"/> (route templates match with or without a trailing slash, so the any-method endpoint of
/// <c>MapActorSyncGraphQL</c> already takes POSTs to <c>/graphql/</c>); <c>GET /graphql?sdl</c> answers the schema as SDL.
/// </summary>
public static class BananaCakePop
{
    /// <summary>The key of <see cref="BananaCakePopOptions.AssetsPath"/>.</summary>
    public const string AssetsPathKey = "BananaCakePop:AssetsPath";

    /// <summary>The folder the build copies the npm package's files to (see ActorSync.GraphQL.csproj).</summary>
    public const string DefaultAssetsFolder = "bcp";

    /// <summary>Files under static/ carry a content hash in their names, so a browser may keep them for good.</summary>
    private const string HashedAssetsFolder = "static/";

    private const string ImmutableCacheControl = "public, max-age=31536000, immutable";
    private const string RevalidateCacheControl = "no-cache";

    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    public static IEndpointRouteBuilder MapBananaCakePop(this IEndpointRouteBuilder endpoints, string path = "/graphql")
    {
        path = "/" + path.Trim('/');
        var services = endpoints.ServiceProvider;
        var assets = OpenAssets(services);
        // useBrowserUrlAsEndpoint: the IDE sends its requests to the page's own URL, whatever host, port or proxy served
        // it. A constant: serializing a dictionary here cost start-up ~10 ms of reflection (System.Text.Json metadata).
        var config = """{"useBrowserUrlAsEndpoint":true,"title":"ActorSync"}"""u8.ToArray();
        // The schema never changes while the app runs; print it once, on first use.
        var sdl = new Lazy<string>(() => SchemaSdl.Print(services.GetRequiredService<ActorSyncSchema>()));

        // Both /graphql and /graphql/ match this route. It runs before the any-method GraphQL endpoint at the same
        // path (lower order wins) and hands it every GET that is not for the IDE or the SDL.
        endpoints.MapMethods(path, GetOrHead, context =>
        {
            if (context.Request.Query.ContainsKey("sdl"))
                return WriteTextAsync(context, StatusCodes.Status200OK, sdl.Value);
            if (!WantsHtml(context.Request))
                return context.RequestServices.GetRequiredService<GraphQLEndpoint>().HandleAsync(context);

            // The same URL answers HTML or GraphQL by the Accept header: caches must keep them apart.
            context.Response.Headers.Vary = HeaderNames.Accept;
            if (!context.Request.Path.Value!.EndsWith('/'))
            {
                // The IDE loads its files relative to the page, so it must live at /graphql/. Not a permanent
                // redirect: browsers would keep that per URL, whatever Accept a later request sends.
                context.Response.Headers.CacheControl = RevalidateCacheControl;
                context.Response.Redirect(context.Request.PathBase + path + "/" + context.Request.QueryString);
                return Task.CompletedTask;
            }
            return ServeFileAsync(context, assets, "index.html");
        }).WithOrder(-1).WithDisplayName("Banana Cake Pop IDE and schema SDL");

        endpoints.MapMethods(path + "/bcp-config.json", GetOrHead, async context =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.Headers.CacheControl = RevalidateCacheControl;
            await context.Response.Body.WriteAsync(config, context.RequestAborted);
        }).WithDisplayName("Banana Cake Pop configuration");

        endpoints.MapMethods(path + "/{**file}", GetOrHead, context =>
            ServeFileAsync(context, assets, (string)context.Request.RouteValues["file"]!))
            .WithDisplayName("Banana Cake Pop files");

        return endpoints;
    }

    /// <summary>
    /// A browser navigating to the endpoint: a GET or HEAD without a GraphQL <c>query</c> that lists text/html in
    /// Accept. A bare <c>*/*</c> is not enough; command-line clients send that and expect GraphQL answers.
    /// </summary>
    internal static bool WantsHtml(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Query.ContainsKey("query")
        && MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(type => type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && type.Quality is not 0);

    private static IFileProvider? OpenAssets(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<BananaCakePopOptions>>().Value.AssetsPath;
        var directory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, string.IsNullOrWhiteSpace(configured) ? DefaultAssetsFolder : configured));
        if (!File.Exists(Path.Combine(directory, "index.html")))
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BananaCakePop))
                .LogWarning("Banana Cake Pop is not served: {Directory} has no index.html. The build installs it with npm; install Node.js and npm and build again.", directory);
            return null;
        }
        var provider = new PhysicalFileProvider(directory);
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(provider.Dispose);
        return provider;
    }

    private static Task ServeFileAsync(HttpContext context, IFileProvider? assets, string file)
    {
        if (assets is null)
        {
            return file == "index.html"
                ? WriteTextAsync(context, StatusCodes.Status503ServiceUnavailable,
                    "Banana Cake Pop, the GraphQL IDE, is not installed in this build of ActorSync.\n\n"
                    + "The build installs it from npm (@chillicream/bananacakepop-graphql-ide, with `npm ci` in ActorSync.GraphQL/Ide)\n"
                    + "and copies it to the bcp/ folder next to the app, but npm was not available. Install Node.js and npm, then\n"
                    + "build again (dotnet build, dotnet run or dotnet publish).\n\n"
                    + "The GraphQL API works without it: POST queries to /graphql, or GET /graphql?query=...\n")
                : WriteTextAsync(context, StatusCodes.Status404NotFound, "Not found.\n");
        }

        var info = assets.GetFileInfo(file);
        if (!info.Exists || info.IsDirectory || info.PhysicalPath is null || !TryGetContentType(file, out var contentType))
            return WriteTextAsync(context, StatusCodes.Status404NotFound, "Not found.\n");

        context.Response.Headers.CacheControl = file.StartsWith(HashedAssetsFolder, StringComparison.Ordinal) ? ImmutableCacheControl : RevalidateCacheControl;
        // A worker runs under the policy its own script arrives with: the API's default-src 'none' would stop the
        // service worker from caching the IDE and the IDE's workers from reaching the API.
        context.Response.Headers.ContentSecurityPolicy = HttpSecurity.IdeContentSecurityPolicy;
        var lastModified = info.LastModified;
        var etag = new EntityTagHeaderValue($"\"{info.Length:x}-{lastModified.ToUnixTimeMilliseconds():x}\"");
        // Handles HEAD, If-None-Match and If-Modified-Since (304) the way the static files middleware does.
        return TypedResults.PhysicalFile(info.PhysicalPath, contentType, lastModified: lastModified, entityTag: etag).ExecuteAsync(context);
    }

    private static bool TryGetContentType(string file, out string contentType)
    {
        // The package's licence must travel with it (ChilliCream License 1.0, "Notices").
        if (Path.GetFileName(file) == "LICENSE")
        {
            contentType = "text/plain; charset=utf-8";
            return true;
        }
        if (!ContentTypes.TryGetContentType(file, out var type))
        {
            contentType = "";
            return false;
        }
        contentType = type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("json", StringComparison.Ordinal) ? type + "; charset=utf-8" : type;
        return true;
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        // The framework still maps .ttf to the pre-RFC 8081 application/x-font-ttf.
        provider.Mappings[".ttf"] = "font/ttf";
        return provider;
    }

    private static Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
