namespace ActorSync.GraphQL.Errors;

/// <summary>The stable <c>extensions.code</c> values clients can rely on (DESIGN.md §5).</summary>
public static class ErrorCodes
{
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string ActorNotFound = "ACTOR_NOT_FOUND";
    public const string MovieNotFound = "MOVIE_NOT_FOUND";
    public const string UpstreamUnavailable = "UPSTREAM_UNAVAILABLE";
    public const string QueryTooComplex = "QUERY_TOO_COMPLEX";
    /// <summary><c>actorPath</c> would read more TMDB resources than its per-request budget.</summary>
    public const string PathSearchLimit = "PATH_SEARCH_LIMIT";
    public const string RateLimited = "RATE_LIMITED";
    /// <summary>The request ran past its time budget (<c>QueryLimits:ExecutionTimeout</c>) and was stopped.</summary>
    public const string ExecutionTimeout = "EXECUTION_TIMEOUT";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadRequest = "BAD_REQUEST";
    public const string OperationNotAllowed = "OPERATION_NOT_ALLOWED";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    /// <summary>The request body did not arrive within its time bound (it stalled or trickled): HTTP 408.</summary>
    public const string RequestTimeout = "REQUEST_TIMEOUT";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
}
