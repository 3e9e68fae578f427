namespace ActorSync.GraphQL.Http;

/// <summary>GraphQL-over-HTTP endpoint settings (configuration section <c>GraphQLHttp</c>).</summary>
public sealed class GraphQLHttpOptions
{
    /// <summary>Request bodies larger than this are refused with 413 (DESIGN.md §5: 64 KiB).</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How many operations one batched POST (a JSON array) may carry.</summary>
    public int MaxBatchSize { get; set; } = 10;
}
