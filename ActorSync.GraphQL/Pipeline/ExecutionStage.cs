using ActorSync.GraphQL.DataLoading;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Execution;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Schema;
using ActorSync.GraphQL.Security;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Http;
using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Pipeline;

/// <summary>
/// The execution stage: runs a prepared operation with GraphQL.NET's executer, whose pipeline ends in the direct path
/// (<see cref="DirectExecution"/>). It tells the executer what the operation cache knows: a document validated before
/// needs only the rules that depend on variables; an operation run before with the same variables skips the cost
/// analysis (its cost is remembered); and, for a plain query, the operation's record, so the direct path may answer.
/// </summary>
public sealed class ExecutionStage(IDocumentExecuter<ActorSyncSchema> executer, IGraphQLTextSerializer serializer,
    IOptions<QueryLimitsOptions> limits, ILogger<ExecutionStage> logger)
{
    private readonly QueryLimitsOptions _limits = limits.Value;

    /// <summary>
    /// Runs the operation; <paramref name="costMode"/> "report" adds the measured cost to extensions, "validate" stops
    /// after measuring. The result is a <see cref="DirectResult"/> when the direct path answered (the caller disposes it).
    /// </summary>
    public async Task<ExecutionResult> ExecuteAsync(HttpContext context, PreparedOperation prepared, string costMode, bool mayAnswerDirectly)
    {
        var request = prepared.Request;
        var userContext = UserContext(context);
        if (costMode == "validate")
            userContext[QueryCost.ValidateOnlyKey] = true;
        var validated = prepared.Cached?.Validated == true;
        // The same operation with the same variables costs what it cost last time: the analysis (two walks of the
        // document) is skipped and that cost stands (ValidationRulesConfiguration leaves the rules out).
        var variables = costMode.Length == 0 && validated ? prepared.Variables(serializer) : null;
        var knownCost = variables?.Cost;
        if (knownCost is not null)
        {
            userContext[QueryCost.Key] = knownCost;
            userContext[QueryCost.KnownKey] = true;
            TmdbRequestShare.Current?.AllowCalls(knownCost.TmdbCalls(_limits));
        }
        var figures = RequestFigures.Requested(context) ? RequestFigures.Of(context) : null;
        if (figures is not null)
            userContext[RequestFigures.IncludeKey] = figures;
        // The direct path writes bytes: not for cost reports or figures (they add extensions) or batches.
        if (mayAnswerDirectly && validated && costMode.Length == 0 && prepared.Record is { } record && !RequestFigures.Requested(context))
            userContext[DirectExecution.RunKey] = new OperationRun(record, variables);

        var options = new ExecutionOptions
        {
            Query = request.Query,
            Document = prepared.Document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = context.RequestServices,
            User = context.User,
            UserContext = userContext,
            CancellationToken = ExecutionBudget.TokenOf(context),
            // A document that validated before needs only the rules that depend on variables (the argument ranges and
            // the cost analysis: see ValidationRulesConfiguration).
            ValidationRules = validated ? ValidationRulesConfiguration.Validated : null,
            UnhandledExceptionDelegate = _logUnhandled ??= LogUnhandled,
        };
        var result = await executer.ExecuteAsync(options);
        if (result is not DirectResult)
            ErrorOrder.Sort(result);

        // Parse and validation errors come back unexecuted with errors; anything else passed validation.
        if (prepared.Cached is { Validated: false } entry && (result.Executed || result.Errors is null or { Count: 0 } || result.Errors.All(e => e is CostValidatedOnly)))
            entry.Validated = true;

        if (userContext.TryGetValue(QueryCost.Key, out var measured) && measured is QueryCost cost)
        {
            // Only a cost that let the operation run is remembered: one over the limits is measured (and refused) each time.
            if (variables is not null && knownCost is null && result.Executed)
                variables.Cost ??= cost;
            context.Items[QueryCost.Key] = cost.Cost;
            if (costMode == "validate" && result.Errors is { Count: 1 } && result.Errors[0] is CostValidatedOnly)
                return new ExecutionResult { Executed = false, Extensions = new() { ["cost"] = cost.ToExtensions() } };
            if (costMode is "report" or "validate")
                (result.Extensions ??= [])["cost"] = cost.ToExtensions();
        }
        return result;
    }

    private Func<UnhandledExceptionContext, Task>? _logUnhandled;

    private Task LogUnhandled(UnhandledExceptionContext context)
    {
        if (context.Exception is not (TmdbUnavailableException or TmdbCallBudgetException))
            logger.LogError(context.Exception, "Unhandled error in field {Path} of operation {Operation}", context.FieldContext?.Path, context.Context?.Operation?.Name?.StringValue);
        return Task.CompletedTask;
    }

    /// <summary>Sized for what a request puts in it (loaders, cost, direct path), so it is never resized.</summary>
    private static Dictionary<string, object?> UserContext(HttpContext context) => new(8)
    {
        // Resolved once here: resolvers read them from the (then read-only) user context instead of
        // contending on the request scope's lock for every field.
        [LoaderContextExtensions.PeopleKey] = context.RequestServices.GetRequiredService<PersonLoader>(),
        [LoaderContextExtensions.MoviesKey] = context.RequestServices.GetRequiredService<MovieLoader>(),
    };
}
