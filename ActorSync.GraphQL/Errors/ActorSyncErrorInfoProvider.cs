using ActorSync.Tmdb;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.Exceptions;

namespace ActorSync.GraphQL.Errors;

/// <summary>
/// The one place where errors become what clients see: a stable <c>extensions.code</c> for every error,
/// and no exception message or stack trace outside Development.
/// </summary>
public sealed class ActorSyncErrorInfoProvider(bool exposeExceptionDetails) : IErrorInfoProvider
{
    public const string InternalMessage = "Internal server error.";
    public const string UpstreamMessage = "TMDB is unavailable right now and nothing is cached for this request; try again shortly.";

    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        var extensions = new Dictionary<string, object?>();
        string message;
        switch (executionError)
        {
            case ActorSyncError or ActorSyncValidationError:
                extensions["code"] = executionError.Code;
                message = executionError.Message;
                break;
            case SyntaxError:
                extensions["code"] = ErrorCodes.ParseFailed;
                message = executionError.Message;
                break;
            case InvalidVariableError:
                extensions["code"] = ErrorCodes.BadUserInput;
                message = executionError.Message;
                break;
            case ValidationError validation:
                extensions["code"] = ErrorCodes.ValidationFailed;
                if (validation.Number is not null)
                    extensions["rule"] = validation.Number;
                message = executionError.Message;
                break;
            case UnhandledError when FindInner<TmdbUnavailableException>(executionError) is { } unavailable:
                extensions["code"] = ErrorCodes.UpstreamUnavailable;
                // TMDB asked us to hold off (a 429): the client learns when trying again can help.
                if (unavailable is TmdbHoldOffException holdOff)
                    extensions["retryAfter"] = holdOff.RetryAfterSeconds;
                message = UpstreamMessage;
                break;
            case UnhandledError when FindInner<TmdbCallBudgetException>(executionError) is { } budget:
                extensions["code"] = ErrorCodes.QueryTooComplex;
                extensions["tmdbCalls"] = budget.Allowed;
                message = budget.Message;
                break;
            case UnhandledError when FindInner<GraphQLSyntaxErrorException>(executionError) is not null:
                extensions["code"] = ErrorCodes.ParseFailed;
                message = executionError.Message;
                break;
            case UnhandledError:
                extensions["code"] = ErrorCodes.InternalServerError;
                message = InternalMessage;
                break;
            default:
                // Errors the engine raises itself (no operation, unknown operation name…) carry their own codes.
                extensions["code"] = executionError.Code ?? ErrorCodes.BadRequest;
                message = executionError.Message;
                break;
        }

        if (executionError.Extensions is { Count: > 0 } && executionError is ActorSyncError or ActorSyncValidationError)
        {
            foreach (var (key, value) in executionError.Extensions)
                extensions[key] = value;
        }
        if (exposeExceptionDetails && executionError.InnerException is { } inner)
            extensions["details"] = inner.ToString();

        return new ErrorInfo { Message = message, Extensions = extensions };
    }

    private static T? FindInner<T>(Exception error) where T : Exception
    {
        for (var current = error.InnerException; current is not null; current = current.InnerException)
        {
            if (current is T match)
                return match;
        }
        return null;
    }
}
