using System.Diagnostics;
using ActorSync.GraphQL.Http;

namespace ActorSync.GraphQL.Observability;

/// <summary>
/// One log line per GraphQL request, written when it ends: method, path, status, duration, operation(s), query cost
/// (when the cost analysis put it in <c>HttpContext.Items["actorsync:cost"]</c>), entity-cache hits and misses and TMDB
/// calls. Structured, so the JSON console logs of Production carry each figure as its own field.
/// </summary>
public sealed partial class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    /// <summary>Where the cost analysis leaves an operation's cost (a double).</summary>
    public const string CostItemKey = "actorsync:cost";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsGraphQLRequest(context.Request))
        {
            await next(context);
            return;
        }

        // Kept on the request itself, not in its service scope: an answer from the result cache then needs no scope at all.
        var figures = new RequestFigures { IncludeInResponse = RequestFigures.Requested(context) };
        context.Features.Set(figures);
        var started = Stopwatch.GetTimestamp();
        var status = 0;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            status = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            if (status == 0)
                status = context.RequestAborted.IsCancellationRequested ? 499 : context.Response.StatusCode;
            Write(context, figures, status, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
        }
    }

    private void Write(HttpContext context, RequestFigures figures, int status, double durationMs)
    {
        var operations = figures.Operations;
        var operation = operations.Count == 0 ? "-" : string.Join(",", operations);
        var request = context.Request;
        if (context.Items.TryGetValue(CostItemKey, out var cost) && cost is double or float or int or long or decimal)
        {
            var value = Convert.ToDouble(cost, System.Globalization.CultureInfo.InvariantCulture);
            LogRequestWithCost(logger, request.Method, request.Path.Value ?? "", status, durationMs, operation, value,
                figures.CacheHits, figures.CacheMisses, figures.TmdbCalls, figures.TmdbFailures);
        }
        else
        {
            LogRequest(logger, request.Method, request.Path.Value ?? "", status, durationMs, operation,
                figures.CacheHits, figures.CacheMisses, figures.TmdbCalls, figures.TmdbFailures);
        }
    }

    /// <summary>
    /// Requests to <c>/graphql</c> and <c>/graphql/</c> (where the IDE posts), except a browser opening the IDE there
    /// and <c>GET /graphql?sdl</c>; not the IDE's files below it.
    /// </summary>
    internal static bool IsGraphQLRequest(HttpRequest request) =>
        (request.Path.Equals("/graphql", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/graphql/", StringComparison.OrdinalIgnoreCase))
        && !BananaCakePop.WantsHtml(request)
        && !(HttpMethods.IsGet(request.Method) && request.Query.ContainsKey("sdl"));

    [LoggerMessage(EventId = 1, EventName = "GraphQLRequest", Level = LogLevel.Information,
        Message = "GraphQL {Method} {Path} {Status} in {DurationMs} ms: operation {Operation}, cache {CacheHits} hits {CacheMisses} misses, TMDB {TmdbCalls} calls {TmdbFailures} failed")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, double durationMs, string operation,
        int cacheHits, int cacheMisses, int tmdbCalls, int tmdbFailures);

    [LoggerMessage(EventId = 2, EventName = "GraphQLRequestWithCost", Level = LogLevel.Information,
        Message = "GraphQL {Method} {Path} {Status} in {DurationMs} ms: operation {Operation}, cost {Cost}, cache {CacheHits} hits {CacheMisses} misses, TMDB {TmdbCalls} calls {TmdbFailures} failed")]
    private static partial void LogRequestWithCost(ILogger logger, string method, string path, int status, double durationMs, string operation, double cost,
        int cacheHits, int cacheMisses, int tmdbCalls, int tmdbFailures);
}
