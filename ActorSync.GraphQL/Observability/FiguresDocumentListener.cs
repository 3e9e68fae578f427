using GraphQL.Execution;

namespace ActorSync.GraphQL.Observability;

/// <summary>
/// Hooks into each GraphQL execution: adds <c>extensions.figures</c> to the result when the client asked for it with
/// <c>ActorSync-Figures: include</c>.
/// </summary>
internal sealed class FiguresDocumentListener : DocumentExecutionListenerBase
{
    public override Task AfterExecutionAsync(IExecutionContext context)
    {
        if (context.RequestServices?.GetService<RequestFigures>() is { IncludeInResponse: true } figures)
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
