using GraphQL.Execution;
using GraphQLParser.AST;
using Sentry;

namespace ActorSync.GraphQL.Observability;

/// <summary>
/// Hooks into each GraphQL execution: tags the request's Sentry scope with the operation name (so an error event says
/// which operation failed), and adds <c>extensions.figures</c> to the result when the client asked for it with
/// <c>ActorSync-Figures: include</c>.
/// </summary>
public sealed class FiguresDocumentListener : DocumentExecutionListenerBase
{
    public override Task BeforeExecutionAsync(IExecutionContext context)
    {
        TagOperation(context.Operation);
        return Task.CompletedTask;
    }

    /// <summary>Tags the request's Sentry scope with the operation's name (the direct path calls it too).</summary>
    public static void TagOperation(GraphQLOperationDefinition operationDefinition)
    {
        // A no-op when Sentry is off; when it is on, each request has its own scope, so the tag stays with this request.
        var operation = operationDefinition.Name?.StringValue;
        SentrySdk.ConfigureScope(scope => scope.SetTag("graphql.operation", string.IsNullOrEmpty(operation) ? "(anonymous)" : operation));
    }

    public override Task AfterExecutionAsync(IExecutionContext context)
    {
        // Put there by the execution stage when the client asked (read from the user context: cheaper than the services).
        if (context.UserContext.TryGetValue(RequestFigures.IncludeKey, out var value) && value is RequestFigures { IncludeInResponse: true } figures)
        {
            context.OutputExtensions["figures"] = new Dictionary<string, object?>
            {
                ["durationMs"] = Math.Round(figures.ElapsedMilliseconds, 1),
                ["cacheHits"] = figures.CacheHits,
                ["cacheMisses"] = figures.CacheMisses,
                ["tmdbCalls"] = figures.TmdbCalls,
            };
        }
        return Task.CompletedTask;
    }
}
