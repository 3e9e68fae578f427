using System.Buffers;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Pipeline;
using ActorSync.GraphQL.Security;
using GraphQL;
using Microsoft.Extensions.ObjectPool;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ActorSync.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP spec): GET for queries, POST with a JSON body (or a JSON
/// array for a batch), <c>application/graphql-response+json</c> or <c>application/json</c> by the
/// Accept header. Requests that fail before execution get 400 under the former and 200 under the latter.
/// </summary>
public sealed class GraphQLEndpoint(
    IGraphQLTextSerializer serializer,
    GraphQLRequestReader reader,
    RequestPipeline pipeline,
    IOptions<GraphQLHttpOptions> options,
    IOptions<QueryLimitsOptions> limits,
    SecurityEvents securityEvents)
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    private const string GraphQLResponseContentType = GraphQLResponseJson + "; charset=utf-8";
    private const string JsonContentType = "application/json; charset=utf-8";

    private readonly GraphQLHttpOptions _options = options.Value;
    private readonly QueryLimitsOptions _limits = limits.Value;

    public async Task HandleAsync(HttpContext context)
    {
        var mode = Negotiate(context.Request.Headers.Accept);
        using var budget = ExecutionBudget.Start(context, _limits);
        try
        {
            if (mode is null)
                throw new RequestRefusedException(StatusCodes.Status406NotAcceptable, ErrorCodes.NotAcceptable,
                    $"Accept {GraphQLResponseJson} or application/json.");

            if (HttpMethods.IsGet(context.Request.Method))
            {
                var prepared = await pipeline.PrepareAsync(context, [reader.FromQueryString(context.Request)], isGet: true);
                await RespondAsync(context, mode.Value, prepared[0], isGet: true);
            }
            else if (HttpMethods.IsPost(context.Request.Method))
            {
                RequireJsonContentType(context.Request);
                var (buffer, body) = await RequestBody.ReadAsync(context.Request, _options);
                GraphQLRequestParameters[] requests;
                bool isBatch;
                try
                {
                    requests = reader.FromJsonBody(body, _options.MaxBatchSize, out isBatch);
                }
                finally
                {
                    // The parameters are read out of the body (strings and values): the buffer is free again.
                    ArrayPool<byte>.Shared.Return(buffer);
                }
                // Every operation of a batch is parsed and counted against the rate limits before any runs.
                var prepared = await pipeline.PrepareAsync(context, requests, isGet: false);
                if (!isBatch)
                {
                    await RespondAsync(context, mode.Value, prepared[0], isGet: false);
                }
                else
                {
                    var results = await pipeline.AnswerBatchAsync(context, prepared);
                    for (var i = 0; i < prepared.Length; i++)
                        securityEvents.RefusedIfLimited(context, StatusCodes.Status200OK, results[i], prepared[i].Operation?.Name?.StringValue);
                    context.Response.Headers.CacheControl = "no-store";
                    await WriteAsync(context, mode.Value, StatusCodes.Status200OK, results);
                }
            }
            else
            {
                context.Response.Headers.Allow = "GET, POST";
                throw new RequestRefusedException(StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed,
                    $"{context.Request.Method} is not supported here: use GET for queries or POST.");
            }
        }
        catch (RequestRefusedException error)
        {
            securityEvents.Refused(context, error.Status, error.Code, error.Message, error.Extensions);
            context.Response.Headers.CacheControl = "no-store";
            var result = new ExecutionResult(new ActorSyncError(error.Code, error.Message, error.Extensions));
            await WriteAsync(context, mode ?? ResponseMode.Json, error.Status, result);
        }
        catch (OperationCanceledException) when (budget.TimedOut)
        {
            // Execution started (or was about to): a GraphQL answer with no data, not a request error.
            context.Response.Headers.CacheControl = "no-store";
            await WriteAsync(context, mode ?? ResponseMode.Json, StatusCodes.Status200OK, new ExecutionResult(budget.Error()) { Executed = true });
        }
    }

    /// <summary>One operation, answered by the pipeline and written: bytes as they are, a result serialized with its status.</summary>
    private async Task RespondAsync(HttpContext context, ResponseMode mode, PreparedOperation prepared, bool isGet)
    {
        context.Response.Headers.CacheControl = "no-store";
        var costMode = context.Request.Headers["GraphQL-Cost"].ToString().Trim().ToLowerInvariant();
        var answer = await pipeline.AnswerAsync(context, prepared, costMode, isGet);
        if (answer.Result is { } result)
        {
            securityEvents.RefusedIfLimited(context, StatusFor(result, mode), result, prepared.Operation?.Name?.StringValue);
            await WriteAsync(context, mode, StatusFor(result, mode), result);
            return;
        }
        using (answer.Owner)
            await WriteBytesAsync(context, mode, answer.Body);
    }

    /// <summary>
    /// Answers are serialized into one of these first and sent in one write with a Content-Length: no chunked
    /// encoding, and no contention with Kestrel's sender over the response pipe while the serializer flushes pieces.
    /// </summary>
    private static readonly ObjectPool<MemoryStream> ResponseBuffers = new DefaultObjectPool<MemoryStream>(new ResponseBufferPolicy(), 64);

    private sealed class ResponseBufferPolicy : PooledObjectPolicy<MemoryStream>
    {
        public override MemoryStream Create() => new(16 * 1024);

        /// <summary>A buffer grown by a very large answer is not kept.</summary>
        public override bool Return(MemoryStream buffer)
        {
            if (buffer.Capacity > 512 * 1024)
                return false;
            buffer.SetLength(0);
            return true;
        }
    }

    private static int StatusFor(ExecutionResult result, ResponseMode mode) =>
        // Nothing executed (parse, validation or variable errors) is a request error: 400 under the
        // GraphQL response media type, 200 under legacy application/json (per the spec).
        !result.Executed && result.Errors is { Count: > 0 } && mode == ResponseMode.GraphQLResponse ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;

    private static void RequireJsonContentType(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.Charset.HasValue && !HeaderUtilities.RemoveQuotes(type.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            throw new RequestRefusedException(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                "POST a JSON body with Content-Type: application/json (UTF-8).");
        }
    }

    private static Task WriteBytesAsync(HttpContext context, ResponseMode mode, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = mode == ResponseMode.GraphQLResponse ? GraphQLResponseContentType : JsonContentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private async Task WriteAsync<T>(HttpContext context, ResponseMode mode, int status, T payload)
    {
        var buffer = ResponseBuffers.Get();
        try
        {
            await serializer.WriteAsync(buffer, payload, context.RequestAborted);
            context.Response.StatusCode = status;
            context.Response.ContentType = mode == ResponseMode.GraphQLResponse ? GraphQLResponseContentType : JsonContentType;
            context.Response.ContentLength = buffer.Length;
            await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
        }
        finally
        {
            ResponseBuffers.Return(buffer);
        }
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
