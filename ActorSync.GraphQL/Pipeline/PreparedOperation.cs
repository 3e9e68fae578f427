using ActorSync.GraphQL.Execution;
using GraphQL;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Pipeline;

/// <summary>
/// One operation of a request once prepared: its parameters, the parsed document and the operation picked (null when
/// none is), or the answer it gets without running (<see cref="Early"/>: a parse error, a limit, no operation picked).
/// </summary>
public sealed record PreparedOperation(GraphQLRequestParameters Request, GraphQLDocument? Document, GraphQLOperationDefinition? Operation, ExecutionResult? Early)
{
    /// <summary>The document's record in the operation cache (null when it was too large to keep, or not parsed).</summary>
    public CachedDocument? Cached { get; init; }

    /// <summary>The operation's record (null when the document is not cached or no operation was picked).</summary>
    public CachedOperation? Record { get; init; }

    private bool _variablesWritten;
    private string? _variablesJson;

    /// <summary>The request's variables as JSON (written once per request); null when they cannot be written back (1e400 reads as infinity).</summary>
    public string? VariablesJson(IGraphQLTextSerializer serializer)
    {
        if (_variablesWritten)
            return _variablesJson;
        _variablesWritten = true;
        if (Request.ReadVariables is { } read)
            return _variablesJson = read.Json;
        try
        {
            return _variablesJson = serializer.Serialize(Request.Variables);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private bool _recordFound;
    private VariablesRecord? _variables;

    /// <summary>The record of this operation with these variables, found or made once per request (null when none is kept).</summary>
    public VariablesRecord? Variables(IGraphQLTextSerializer serializer)
    {
        if (_recordFound)
            return _variables;
        _recordFound = true;
        return _variables = Record?.Variables(VariablesJson(serializer));
    }
}
