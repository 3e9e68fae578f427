using ActorSync.GraphQL.Execution;
using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Persisted;
using GraphQL;

namespace ActorSync.GraphQL.Pipeline;

/// <summary>
/// The stages a GraphQL request goes through between reading and writing, in order: persisted operation lookup,
/// preparation (operation cache, document limits, parse, operation picked), rate limits (for every operation of a batch
/// before any runs), then per operation the result cache and the execution (cost rules, direct path or GraphQL.NET).
/// </summary>
public sealed class RequestPipeline(PersistedOperations persisted, PreparationStage preparation, RateLimitStage rateLimits,
    ResultCacheStage results, ExecutionStage execution)
{
    /// <summary>The request's operations resolved, prepared and counted against the rate limits (which refuse by throwing).</summary>
    public async Task<PreparedOperation[]> PrepareAsync(HttpContext context, GraphQLRequestParameters[] requests, bool isGet)
    {
        for (var i = 0; i < requests.Length; i++)
            requests[i] = await persisted.ResolveAsync(requests[i], context.RequestAborted);
        var prepared = new PreparedOperation[requests.Length];
        for (var i = 0; i < requests.Length; i++)
            prepared[i] = preparation.Prepare(context, requests[i], isGet);
        await rateLimits.EnforceAsync(context, prepared);
        return prepared;
    }

    /// <summary>
    /// One operation's answer: from the result cache when an identical one is fresh there, else executed (and stored
    /// when it succeeded and its fields allow it). Cacheable GET answers say so in Cache-Control.
    /// </summary>
    public async Task<OperationAnswer> AnswerAsync(HttpContext context, PreparedOperation prepared, string costMode, bool isGet)
    {
        if (prepared.Early is { } early)
            return new OperationAnswer(early);
        // A cost request needs the analysis to run, and an answer carrying this request's figures describes one
        // execution: both bypass the result cache.
        var lookup = await results.LookupAsync(prepared, costMode.Length > 0 || RequestFigures.Requested(context), context.RequestAborted);
        if (lookup.Hit is { } hit)
        {
            ResultCacheStage.SetFreshness(context, isGet, hit.RemainingSeconds(DateTimeOffset.UtcNow), "hit");
            return new OperationAnswer(null, hit.Body);
        }

        var result = await execution.ExecuteAsync(context, prepared, costMode, mayAnswerDirectly: true);
        if (lookup.Key is null || !result.Executed || result.Errors is { Count: > 0 })
            return result is DirectResult direct ? new OperationAnswer(null, direct.Body, direct) : new OperationAnswer(result);
        var body = await results.StoreAsync(lookup, result, context.RequestAborted);
        (result as DirectResult)?.Dispose();
        ResultCacheStage.SetFreshness(context, isGet, lookup.MaxAge, "miss");
        return new OperationAnswer(null, body);
    }

    /// <summary>Each operation of a batch, executed in turn (a batch is never cached nor answered by the direct path).</summary>
    public async Task<ExecutionResult[]> AnswerBatchAsync(HttpContext context, PreparedOperation[] prepared)
    {
        var answers = new ExecutionResult[prepared.Length];
        for (var i = 0; i < prepared.Length; i++)
            answers[i] = prepared[i].Early ?? await execution.ExecuteAsync(context, prepared[i], "", mayAnswerDirectly: false);
        return answers;
    }
}

/// <summary>An operation's answer: a result to serialize, or bytes already written (released by <see cref="Owner"/> once sent).</summary>
public readonly record struct OperationAnswer(ExecutionResult? Result, ReadOnlyMemory<byte> Body = default, IDisposable? Owner = null);
