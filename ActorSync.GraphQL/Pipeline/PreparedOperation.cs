using GraphQL;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Pipeline;

/// <summary>
/// One operation of a request once prepared: its parameters, the parsed document and the operation picked (null when
/// none is), or the answer it gets without running (<see cref="Early"/>: a parse error, a limit, no operation picked).
/// </summary>
public sealed record PreparedOperation(GraphQLRequestParameters Request, GraphQLDocument? Document, GraphQLOperationDefinition? Operation, ExecutionResult? Early)
{
    public DocumentCache.Entry? Cached { get; init; }

    public bool VariablesWritten { get; set; }

    public string? VariablesJson { get; set; }

    public string? OperationKey { get; set; }
}
