using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Execution;
using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Security;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Pipeline;

/// <summary>
/// The preparation stage: the document from the document cache, or checked for length, parsed and measured against the
/// document limits on its expanded form; then the operation the request picks.
/// </summary>
public sealed class PreparationStage(OperationCache documents, IOptions<QueryLimitsOptions> limits)
{
    private readonly QueryLimitsOptions _limits = limits.Value;

    /// <summary>
    /// Parses the document and picks the operation; refuses what must not run: documents over the size limits,
    /// and mutations (over GET with 405).
    /// </summary>
    public PreparedOperation Prepare(HttpContext context, GraphQLRequestParameters request, bool isGet)
    {
        var cached = documents.TryGet(request.Query);
        GraphQLDocument document;
        if (cached is not null)
        {
            document = cached.Document;
        }
        else
        {
            if (DocumentLimits.CheckLength(request.Query, _limits) is { } tooLong)
                return new PreparedOperation(request, null, null, new ExecutionResult(tooLong));
            try
            {
                document = Parser.Parse(request.Query, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = 128 });
            }
            catch (GraphQLSyntaxErrorException ex)
            {
                return new PreparedOperation(request, null, null, new ExecutionResult(new SyntaxError(ex)));
            }
            catch (GraphQLMaxDepthExceededException ex)
            {
                return new PreparedOperation(request, null, null, new ExecutionResult(new ActorSyncError(ErrorCodes.ParseFailed, ex.Message)));
            }
            if (DocumentLimits.Check(document, _limits, ExecutionBudget.TokenOf(context)) is { } tooBig)
                return new PreparedOperation(request, document, null, new ExecutionResult(tooBig));
            cached = documents.Add(request.Query, document);
        }

        // A cached document remembers which operation a name picks (only when it picks one: errors are built anew).
        var pickedBy = request.OperationName ?? "\0"; // no name at all is not the empty name
        var record = cached?.Operation(pickedBy);
        var operation = record?.Definition;
        if (operation is null)
        {
            if (OperationSelection.Check(document, request.OperationName) is { } unusable)
                return new PreparedOperation(request, document, null, new ExecutionResult(unusable)) { Cached = cached };
            operation = OperationSelection.Select(document, request.OperationName);
            if (operation is not null && cached is not null)
                record = cached.Remember(pickedBy, operation);
        }
        RequestFigures.Of(context)?.AddOperation(operation?.Name?.StringValue);
        if (operation is { Operation: not OperationType.Query })
        {
            var kind = operation.Operation.ToString().ToLowerInvariant();
            if (isGet)
            {
                context.Response.Headers.Allow = "POST";
                throw new RequestRefusedException(StatusCodes.Status405MethodNotAllowed, ErrorCodes.OperationNotAllowed,
                    $"A {kind} cannot be sent with GET; use POST.");
            }
            // The schema has queries only: anything else is a request error, and nothing runs.
            return new PreparedOperation(request, document, operation, new ExecutionResult(new ActorSyncError(ErrorCodes.ValidationFailed, $"This API has no {kind} operations; it serves queries only.")));
        }
        return new PreparedOperation(request, document, operation, null) { Cached = cached, Record = record };
    }
}
