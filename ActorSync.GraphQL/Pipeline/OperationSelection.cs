using ActorSync.GraphQL.Errors;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Pipeline;

/// <summary>Which operation of a document a request runs (by <c>operationName</c>), and our errors when it picks none.</summary>
public static class OperationSelection
{
    /// <summary>
    /// A document must hold an operation, and the request must pick exactly one: the engine's own errors for
    /// these carry codes outside our list, so the endpoint answers them with ours.
    /// </summary>
    public static ActorSyncError? Check(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToArray();
        if (document.Definitions.Count == 0)
            return new ActorSyncError(ErrorCodes.ParseFailed, "The document is empty: it needs at least one operation.");
        if (operations.Length == 0)
            return new ActorSyncError(ErrorCodes.ValidationFailed, "The document has no operation, only fragments.");
        if (operationName is not null)
        {
            return operations.Any(o => o.Name?.StringValue == operationName)
                ? null
                : new ActorSyncError(ErrorCodes.BadRequest, $"The document has no operation named \"{(operationName.Length <= 40 ? operationName : operationName[..40] + "…")}\".");
        }
        if (operations.Length > 1)
        {
            return operations.Any(o => o.Name is null)
                ? new ActorSyncError(ErrorCodes.ValidationFailed, "An anonymous operation must be the only operation in its document.")
                : new ActorSyncError(ErrorCodes.BadRequest, "The document has several operations: name the one to run in operationName.");
        }
        return null;
    }

    /// <summary>The operation that would run, or null when the name does not pick exactly one (execution reports that).</summary>
    public static GraphQLOperationDefinition? Select(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToArray();
        return operationName is null
            ? operations.Length == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
    }
}
