using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Schema;
using ActorSync.Tmdb;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ActorSync.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP spec): GET for queries, POST with a JSON body (or a JSON
/// array for a batch), <c>application/graphql-response+json</c> or <c>application/json</c> by the
/// Accept header. Requests that fail before execution get 400 under the former and 200 under the latter.
/// </summary>
public sealed class GraphQLEndpoint(
    IDocumentExecuter<ActorSyncSchema> executer,
    ActorSyncSchema schema,
    IGraphQLTextSerializer serializer,
    GraphQLRequestReader reader,
    ResultCache resultCache,
    IOptions<GraphQLHttpOptions> options,
    ILogger<GraphQLEndpoint> logger)
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    private const string GraphQLResponseContentType = GraphQLResponseJson + "; charset=utf-8";
    private const string JsonContentType = "application/json; charset=utf-8";

    private readonly GraphQLHttpOptions _options = options.Value;

    public async Task HandleAsync(HttpContext context)
    {
        var mode = Negotiate(context.Request.Headers.Accept);
        try
        {
            if (mode is null)
                throw new HttpRequestError(StatusCodes.Status406NotAcceptable, ErrorCodes.NotAcceptable,
                    $"Accept {GraphQLResponseJson} or application/json.");

            if (HttpMethods.IsGet(context.Request.Method))
            {
                await RespondAsync(context, mode.Value, reader.FromQueryString(context.Request.Query), isGet: true);
            }
            else if (HttpMethods.IsPost(context.Request.Method))
            {
                RequireJsonContentType(context.Request);
                var body = await ReadBodyAsync(context.Request);
                var requests = reader.FromJsonBody(body, _options.MaxBatchSize, out var isBatch);
                if (!isBatch)
                {
                    await RespondAsync(context, mode.Value, requests[0], isGet: false);
                }
                else
                {
                    var results = new ExecutionResult[requests.Count];
                    for (var i = 0; i < requests.Count; i++)
                    {
                        var prepared = Prepare(context, requests[i], isGet: false);
                        results[i] = prepared.Early ?? await ExecuteAsync(context, requests[i], prepared.Document!);
                    }
                    context.Response.Headers.CacheControl = "no-store";
                    await WriteAsync(context, mode.Value, StatusCodes.Status200OK, results);
                }
            }
            else
            {
                context.Response.Headers.Allow = "GET, POST";
                throw new HttpRequestError(StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed,
                    $"{context.Request.Method} is not supported here: use GET for queries or POST.");
            }
        }
        catch (HttpRequestError error)
        {
            context.Response.Headers.CacheControl = "no-store";
            var result = new ExecutionResult(new ActorSyncError(error.Code, error.Message));
            await WriteAsync(context, mode ?? ResponseMode.Json, error.Status, result);
        }
    }

    /// <summary>
    /// One operation: answered from the result cache when an identical one is fresh there, else executed (and
    /// stored when it succeeded and its fields allow it). Cacheable GET answers say so in Cache-Control.
    /// </summary>
    private async Task RespondAsync(HttpContext context, ResponseMode mode, GraphQLRequestParameters request, bool isGet)
    {
        var prepared = Prepare(context, request, isGet);
        context.Response.Headers.CacheControl = "no-store";
        if (prepared.Early is { } early)
        {
            await WriteAsync(context, mode, StatusFor(early, mode), early);
            return;
        }

        // An answer carrying this request's figures describes one execution: never stored, never served from the cache.
        var maxAge = resultCache.Enabled && !RequestFigures.Requested(context) && prepared.Operation is { } operation ? resultCache.MaxAge(schema, prepared.Document!, operation) : 0;
        string? key = null;
        if (maxAge > 0)
        {
            key = ResultCache.Key(prepared.Document!, request.OperationName, serializer.Serialize(request.Variables));
            if (await resultCache.TryGetAsync(key, context.RequestAborted) is { } hit)
            {
                SetFreshness(context, isGet, hit.RemainingSeconds(DateTimeOffset.UtcNow), "hit");
                await WriteBytesAsync(context, mode, hit.Body);
                return;
            }
        }

        var result = await ExecuteAsync(context, request, prepared.Document!);
        if (key is null || !result.Executed || result.Errors is { Count: > 0 })
        {
            await WriteAsync(context, mode, StatusFor(result, mode), result);
            return;
        }
        using var buffer = new MemoryStream();
        await serializer.WriteAsync(buffer, result, context.RequestAborted);
        var body = buffer.ToArray();
        await resultCache.StoreAsync(key, body, maxAge, context.RequestAborted);
        SetFreshness(context, isGet, maxAge, "miss");
        await WriteBytesAsync(context, mode, body);
    }

    private static void SetFreshness(HttpContext context, bool isGet, int seconds, string resultCacheStatus)
    {
        context.Response.Headers["X-Result-Cache"] = resultCacheStatus;
        // Only GET answers can be kept by browsers and CDNs; a POST answer is never reused by HTTP caches.
        if (isGet && seconds > 0)
        {
            context.Response.Headers.CacheControl = $"public, max-age={seconds}";
            context.Response.Headers.Vary = "Accept";
        }
    }

    private sealed record Prepared(GraphQLDocument? Document, GraphQLOperationDefinition? Operation, ExecutionResult? Early);

    /// <summary>Parses the document and picks the operation; refuses what must not run (mutations, over GET with 405).</summary>
    private static Prepared Prepare(HttpContext context, GraphQLRequestParameters request, bool isGet)
    {
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(request.Query, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = 128 });
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            return new Prepared(null, null, new ExecutionResult(new SyntaxError(ex)));
        }
        catch (GraphQLMaxDepthExceededException ex)
        {
            return new Prepared(null, null, new ExecutionResult(new ActorSyncError(ErrorCodes.ParseFailed, ex.Message)));
        }

        var operation = SelectOperation(document, request.OperationName);
        RequestFigures.Of(context)?.AddOperation(operation?.Name?.StringValue);
        if (operation is { Operation: not OperationType.Query })
        {
            var kind = operation.Operation.ToString().ToLowerInvariant();
            if (isGet)
            {
                context.Response.Headers.Allow = "POST";
                throw new HttpRequestError(StatusCodes.Status405MethodNotAllowed, ErrorCodes.OperationNotAllowed,
                    $"A {kind} cannot be sent with GET; use POST.");
            }
            // The schema has queries only: anything else is a request error, and nothing runs.
            return new Prepared(document, operation, new ExecutionResult(new ActorSyncError(ErrorCodes.ValidationFailed, $"This API has no {kind} operations; it serves queries only.")));
        }
        return new Prepared(document, operation, null);
    }

    private Task<ExecutionResult> ExecuteAsync(HttpContext context, GraphQLRequestParameters request, GraphQLDocument document) =>
        executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = context.RequestServices,
            User = context.User,
            CancellationToken = context.RequestAborted,
            UnhandledExceptionDelegate = ctx =>
            {
                if (ctx.Exception is not TmdbUnavailableException)
                    logger.LogError(ctx.Exception, "Unhandled error in field {Path} of operation {Operation}", ctx.FieldContext?.Path, ctx.Context?.Operation?.Name?.StringValue);
                return Task.CompletedTask;
            },
        });

    /// <summary>The operation that would run, or null when the name does not pick exactly one (execution reports that).</summary>
    private static GraphQLOperationDefinition? SelectOperation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToArray();
        return operationName is null
            ? operations.Length == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
    }

    private static int StatusFor(ExecutionResult result, ResponseMode mode) =>
        // Nothing executed (parse, validation or variable errors) is a request error: 400 under the
        // GraphQL response media type, 200 under legacy application/json (per the spec).
        !result.Executed && mode == ResponseMode.GraphQLResponse ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;

    private static void RequireJsonContentType(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.Charset.HasValue && !HeaderUtilities.RemoveQuotes(type.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            throw new HttpRequestError(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                "POST a JSON body with Content-Type: application/json (UTF-8).");
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request)
    {
        var limit = _options.MaxBodyBytes;
        if (request.ContentLength > limit)
            throw TooLarge(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
                throw TooLarge(limit);
            buffer.Write(chunk, 0, read);
        }
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        // JSON allows a UTF-8 byte order mark; System.Text.Json does not.
        return body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body[3..] : body;
    }

    private static HttpRequestError TooLarge(int limit) =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
            limit % 1024 == 0 ? $"The request body is larger than {limit / 1024} KiB." : $"The request body is larger than {limit} bytes.");

    private static Task WriteBytesAsync(HttpContext context, ResponseMode mode, byte[] body)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = mode == ResponseMode.GraphQLResponse ? GraphQLResponseContentType : JsonContentType;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private async Task WriteAsync<T>(HttpContext context, ResponseMode mode, int status, T payload)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = mode == ResponseMode.GraphQLResponse ? GraphQLResponseContentType : JsonContentType;
        await serializer.WriteAsync(context.Response.Body, payload, context.RequestAborted);
    }

    /// <summary>
    /// The first Accept entry we can serve wins; no Accept header means application/json (the spec's
    /// legacy default). Null when nothing acceptable is listed.
    /// </summary>
    internal static ResponseMode? Negotiate(Microsoft.Extensions.Primitives.StringValues accept)
    {
        var listed = false;
        foreach (var header in accept)
        {
            foreach (var part in (header ?? "").Split(','))
            {
                var mediaType = part.Split(';')[0].Trim().ToLowerInvariant();
                listed |= mediaType.Length > 0;
                switch (mediaType)
                {
                    case GraphQLResponseJson:
                        return ResponseMode.GraphQLResponse;
                    case "application/json" or "application/*" or "*/*":
                        return ResponseMode.Json;
                }
            }
        }
        return listed ? null : ResponseMode.Json;
    }
}

public enum ResponseMode
{
    Json,
    GraphQLResponse,
}
