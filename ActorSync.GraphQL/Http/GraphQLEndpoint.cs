using System.Buffers;
using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.DataLoading;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Execution;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Persisted;
using ActorSync.GraphQL.Pipeline;
using ActorSync.GraphQL.Schema;
using ActorSync.GraphQL.Security;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Http;
using GraphQL;
using GraphQL.Instrumentation;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
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
    IDocumentExecuter<ActorSyncSchema> executer,
    IDocumentValidator validator,
    ComplexityValidationRule costRule,
    ArgumentRangeRule argumentRule,
    ActorSyncSchema schema,
    IGraphQLTextSerializer serializer,
    GraphQLRequestReader reader,
    ResultCache resultCache,
    RateLimitStage rateLimits,
    DocumentCache documents,
    PreparationStage preparation,
    PersistedOperations persisted,
    IOptions<GraphQLHttpOptions> options,
    IOptions<QueryLimitsOptions> limits,
    SecurityEvents securityEvents,
    DirectExecutionTelemetry telemetry,
    ILogger<GraphQLEndpoint> logger)
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
                var request = await persisted.ResolveAsync(reader.FromQueryString(context.Request), context.RequestAborted);
                var prepared = preparation.Prepare(context, request, isGet: true);
                await rateLimits.EnforceAsync(context, [prepared]);
                await RespondAsync(context, mode.Value, prepared, isGet: true);
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
                for (var i = 0; i < requests.Length; i++)
                    requests[i] = await persisted.ResolveAsync(requests[i], context.RequestAborted);
                // Every operation of a batch is parsed and counted against the rate limits before any runs.
                var prepared = requests.Select(r => preparation.Prepare(context, r, isGet: false)).ToArray();
                await rateLimits.EnforceAsync(context, prepared);
                if (!isBatch)
                {
                    await RespondAsync(context, mode.Value, prepared[0], isGet: false);
                }
                else
                {
                    var results = new ExecutionResult[prepared.Length];
                    for (var i = 0; i < prepared.Length; i++)
                    {
                        results[i] = prepared[i].Early ?? await ExecuteAsync(context, prepared[i]);
                        securityEvents.RefusedIfLimited(context, StatusCodes.Status200OK, results[i], prepared[i].Operation?.Name?.StringValue);
                    }
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

    /// <summary>
    /// One operation: answered from the result cache when an identical one is fresh there, else executed (and
    /// stored when it succeeded and its fields allow it). Cacheable GET answers say so in Cache-Control.
    /// </summary>
    private async Task RespondAsync(HttpContext context, ResponseMode mode, PreparedOperation prepared, bool isGet)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (prepared.Early is { } early)
        {
            securityEvents.RefusedIfLimited(context, StatusFor(early, mode), early, prepared.Operation?.Name?.StringValue);
            await WriteAsync(context, mode, StatusFor(early, mode), early);
            return;
        }

        // A cost request needs the analysis to run, and an answer carrying this request's figures describes one
        // execution: both bypass the result cache.
        var costMode = context.Request.Headers["GraphQL-Cost"].ToString().Trim().ToLowerInvariant();
        var maxAge = resultCache.Enabled && costMode.Length == 0 && !RequestFigures.Requested(context) && prepared.Operation is { } operation
            ? prepared.Cached?.MaxAges.GetOrAdd(operation.Name?.StringValue ?? "", _ => resultCache.MaxAge(schema, prepared.Document!, operation))
                ?? resultCache.MaxAge(schema, prepared.Document!, operation)
            : 0;
        string? key = null;
        if (maxAge > 0)
        {
            key = ResultKey(prepared);
            if (key is not null && await resultCache.TryGetAsync(key, context.RequestAborted) is { } hit)
            {
                SetFreshness(context, isGet, hit.RemainingSeconds(DateTimeOffset.UtcNow), "hit");
                await WriteBytesAsync(context, mode, hit.Body);
                return;
            }
        }

        if (costMode.Length == 0 && await TryExecuteDirectAsync(context, prepared) is { } direct)
        {
            using (direct)
            {
                if (key is not null)
                {
                    var answer = direct.WrittenMemory.ToArray();
                    await resultCache.StoreAsync(key, answer, maxAge, context.RequestAborted);
                    SetFreshness(context, isGet, maxAge, "miss");
                }
                await WriteBytesAsync(context, mode, direct.WrittenMemory);
            }
            return;
        }

        var result = await ExecuteAsync(context, prepared, costMode);
        if (key is null || !result.Executed || result.Errors is { Count: > 0 })
        {
            securityEvents.RefusedIfLimited(context, StatusFor(result, mode), result, prepared.Operation?.Name?.StringValue);
            await WriteAsync(context, mode, StatusFor(result, mode), result);
            return;
        }
        byte[] body;
        var buffer = ResponseBuffers.Get();
        try
        {
            await serializer.WriteAsync(buffer, result, context.RequestAborted);
            body = buffer.ToArray();
        }
        finally
        {
            ResponseBuffers.Return(buffer);
        }
        await resultCache.StoreAsync(key, body, maxAge, context.RequestAborted);
        SetFreshness(context, isGet, maxAge, "miss");
        await WriteBytesAsync(context, mode, body);
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

    /// <summary>Null when the variables cannot be written back as JSON (1e400 reads as infinity): such a request is not cached.</summary>
    private string? ResultKey(PreparedOperation prepared)
    {
        if (VariablesJson(prepared) is not { } variables)
            return null;
        if (prepared.Cached is not { } cached)
            return ResultCache.Key(ResultCache.NormalizedHash(prepared.Document!), prepared.Request.OperationName, variables);
        // A repeated request finds its key with the document instead of hashing again.
        var hash = cached.NormalizedHash ??= ResultCache.NormalizedHash(prepared.Document!);
        return cached.ResultKey(OperationKey(prepared)!, () => ResultCache.Key(hash, prepared.Request.OperationName, variables));
    }

    /// <summary>
    /// What an answer and the cost of an operation of a cached document depend on: the operation picked and the
    /// variables; null when the variables cannot be written back as JSON.
    /// </summary>
    private string? OperationKey(PreparedOperation prepared) =>
        prepared.OperationKey ??= prepared.Request.ReadVariables is { } read
            ? read.OperationKey(prepared.Request.OperationName)
            : VariablesJson(prepared) is { } variables ? $"{prepared.Request.OperationName}\n{variables}" : null;

    /// <summary>The request's variables as JSON (written once per request); null when they cannot be written back (1e400 reads as infinity).</summary>
    private string? VariablesJson(PreparedOperation prepared)
    {
        if (prepared.VariablesWritten)
            return prepared.VariablesJson;
        prepared.VariablesWritten = true;
        if (prepared.Request.ReadVariables is { } read)
            return prepared.VariablesJson = read.Json;
        try
        {
            return prepared.VariablesJson = serializer.Serialize(prepared.Request.Variables);
        }
        catch (ArgumentException)
        {
            return null;
        }
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

    /// <summary>
    /// The answer of an operation of a validated document from its compiled form, when everything it reads is at hand;
    /// null when GraphQL.NET must execute it. Variables seen before with the operation reuse its remembered cost and
    /// compiled form; new ones are validated by GraphQL.NET first (their coercion, the arguments and the cost limits:
    /// the rules that depend on variables) without executing, and the operation is compiled with what that coerced.
    /// </summary>
    private async ValueTask<PooledBufferWriter?> TryExecuteDirectAsync(HttpContext context, PreparedOperation prepared)
    {
        if (!_options.DirectExecution || prepared.Cached is not { Validated: true } cached || RequestFigures.Requested(context)
            || prepared.Operation is not { } operation || OperationKey(prepared) is not { } key)
            return null;
        var userContext = UserContext(context);
        var (plan, cost) = (cached.Plan(key), cached.KnownCost(key));
        var newVariables = plan is null || cost is null;
        if (newVariables && !cached.ShouldTryNewVariables())
            return null;
        var traced = telemetry.Start();
        if (newVariables)
        {
            (plan, cost) = await ValidateAndCompileAsync(context, prepared, operation, userContext);
            if (plan is null || cost is null)
                return null;
            // Kept whether or not it answers now: a cold cache fills, and variables whose answer is an error fail fast.
            cached.RememberCost(key, cost);
            cached.RememberPlan(key, plan);
        }
        if (plan is null || cost is null)
            return null;
        FiguresDocumentListener.TagOperation(plan.Operation);
        var request = new DirectExecutor.Request(userContext, context.RequestServices, context.User, prepared.Request.Extensions, ExecutionBudget.TokenOf(context));
        var output = new PooledBufferWriter();
        var answered = DirectExecutor.TryWrite(plan, request, output);
        documents.CountDirect(answered);
        if (newVariables)
            cached.CountNewVariables(answered);
        if (!answered)
        {
            output.Dispose();
            return null;
        }
        context.Items[QueryCost.Key] = cost.Cost;
        // The span GraphQL.NET's executor would have made, from the start of the attempt.
        if (traced is { } started)
            await telemetry.RecordAsync(started, plan, ExecutionOptionsFor(context, prepared.Request, plan.Document, userContext));
        return output;
    }

    /// <summary>
    /// Validates the request's variables for a document that passed the full validation before: only the argument ranges
    /// and the cost analysis run as rules, and the validator coerces the variables and parses every argument and directive on the way (as
    /// it does before an execution). Nulls when that reports anything (GraphQL.NET then answers with the errors) or the
    /// operation holds what the direct path does not run.
    /// </summary>
    private async ValueTask<(CompiledOperation? Plan, QueryCost? Cost)> ValidateAndCompileAsync(
        HttpContext context, PreparedOperation prepared, GraphQLOperationDefinition operation, Dictionary<string, object?> userContext)
    {
        IValidationResult validated;
        try
        {
            validated = await validator.ValidateAsync(new ValidationOptions
            {
                Schema = schema,
                Document = prepared.Document!,
                Rules = [argumentRule, costRule],
                UserContext = userContext,
                Metrics = Metrics.None,
                Variables = prepared.Request.Variables ?? Inputs.Empty,
                Extensions = prepared.Request.Extensions ?? Inputs.Empty,
                Operation = operation,
                RequestServices = context.RequestServices,
                User = context.User,
                CancellationToken = ExecutionBudget.TokenOf(context),
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A rule that throws is GraphQL.NET's to answer (as it would without the direct path): never a 500 here.
            userContext.Remove(QueryCost.Key);
            return (null, null);
        }
        var cost = userContext.Remove(QueryCost.Key, out var measured) ? measured as QueryCost : null;
        if (!validated.IsValid || cost is null)
            return (null, null);
        return (CompiledOperation.TryCompile(schema, prepared.Document!, operation, validated), cost);
    }

    /// <summary>What GraphQL.NET's executor is given for a request (the direct path's span is made from the same).</summary>
    private static ExecutionOptions ExecutionOptionsFor(HttpContext context, GraphQLRequestParameters request, GraphQLDocument? document,
        Dictionary<string, object?> userContext) => new()
    {
        Query = request.Query,
        Document = document,
        OperationName = request.OperationName,
        Variables = request.Variables,
        Extensions = request.Extensions,
        RequestServices = context.RequestServices,
        User = context.User,
        UserContext = userContext,
        CancellationToken = ExecutionBudget.TokenOf(context),
    };

    private static Dictionary<string, object?> UserContext(HttpContext context) => new()
    {
        // Resolved once here: resolvers read them from the (then read-only) user context instead of
        // contending on the request scope's lock for every field.
        [LoaderContextExtensions.PeopleKey] = context.RequestServices.GetRequiredService<PersonLoader>(),
        [LoaderContextExtensions.MoviesKey] = context.RequestServices.GetRequiredService<MovieLoader>(),
    };

    /// <summary>Runs the operation; <paramref name="costMode"/> "report" adds the measured cost to extensions, "validate" stops after measuring.</summary>
    private async Task<ExecutionResult> ExecuteAsync(HttpContext context, PreparedOperation prepared, string costMode = "")
    {
        var request = prepared.Request;
        var userContext = UserContext(context);
        if (costMode == "validate")
            userContext[QueryCost.ValidateOnlyKey] = true;
        // The same operation with the same variables costs what it cost last time: the analysis (two walks of the
        // document) is skipped and that cost stands (KnownCostConfiguration takes the rule out).
        var costKey = costMode.Length == 0 && prepared.Cached is { Validated: true } ? OperationKey(prepared) : null;
        var knownCost = costKey is not null ? prepared.Cached!.KnownCost(costKey) : null;
        if (knownCost is not null)
        {
            userContext[QueryCost.Key] = knownCost;
            userContext[QueryCost.KnownKey] = true;
            TmdbRequestShare.Current?.AllowCalls(knownCost.TmdbCalls(_limits));
        }
        // An operation run again (its cost is known) is compiled for the direct path when it runs without errors, for
        // its next request; variables seen once (a random mix) are not worth compiling.
        var capture = knownCost is not null && _options.DirectExecution && prepared.Cached!.Plan(costKey!) is null ? new PlanCapture() : null;
        if (capture is not null)
            userContext[PlanCapture.Key] = capture;
        var options = ExecutionOptionsFor(context, request, prepared.Document, userContext);
        // A document that validated before needs only the rules that depend on variables (the argument ranges and the
        // cost analysis, appended by the GraphQL builder's configuration).
        options.ValidationRules = prepared.Cached?.Validated == true ? [] : null;
        options.UnhandledExceptionDelegate = ctx =>
        {
            if (ctx.Exception is not (TmdbUnavailableException or TmdbCallBudgetException))
                logger.LogError(ctx.Exception, "Unhandled error in field {Path} of operation {Operation}", ctx.FieldContext?.Path, ctx.Context?.Operation?.Name?.StringValue);
            return Task.CompletedTask;
        };
        var result = await executer.ExecuteAsync(options);

        ErrorOrder.Sort(result);

        // Parse and validation errors come back unexecuted with errors; anything else passed validation.
        if (prepared.Cached is { Validated: false } entry && (result.Executed || result.Errors is null or { Count: 0 } || result.Errors.All(e => e is CostValidatedOnly)))
            entry.Validated = true;

        if (capture?.Plan is { } plan && result.Executed && result.Errors is null or { Count: 0 })
            prepared.Cached!.RememberPlan(costKey!, plan);

        if (userContext.TryGetValue(QueryCost.Key, out var measured) && measured is QueryCost cost)
        {
            // Only a cost that let the operation run is remembered: one over the limits is measured (and refused) each time.
            if (costKey is not null && knownCost is null && result.Executed)
                prepared.Cached!.RememberCost(costKey, cost);
            context.Items[QueryCost.Key] = cost.Cost;
            if (costMode == "validate" && result.Errors is { Count: 1 } && result.Errors[0] is CostValidatedOnly)
                return new ExecutionResult { Executed = false, Extensions = new() { ["cost"] = cost.ToExtensions() } };
            if (costMode is "report" or "validate")
                (result.Extensions ??= [])["cost"] = cost.ToExtensions();
        }
        return result;
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
