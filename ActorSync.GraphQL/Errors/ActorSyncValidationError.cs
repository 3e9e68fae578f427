using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Errors;

/// <summary>An error of ours raised while validating (nothing executes), with a stable code and extensions.</summary>
public class ActorSyncValidationError : ValidationError
{
    public ActorSyncValidationError(string code, string message, IReadOnlyDictionary<string, object?>? extensions = null)
        : base(message)
    {
        Code = code;
        Extensions = ActorSyncError.Copy(extensions);
    }

    /// <summary>An error about one place of the document: the answer gives its location, as for the engine's own validation errors.</summary>
    public ActorSyncValidationError(string code, string message, IReadOnlyDictionary<string, object?>? extensions, ROM source, ASTNode node)
        : base(source, null, message, node)
    {
        Code = code;
        Extensions = ActorSyncError.Copy(extensions);
    }
}

/// <summary>Not an error for the client: marks an operation that was measured (<c>GraphQL-Cost: validate</c>) and deliberately not run.</summary>
public sealed class CostValidatedOnly() : ValidationError("The operation was validated and its cost measured; it was not executed.");
