namespace ActorSync.Tmdb;

/// <summary>A TMDB call failed. <see cref="StatusCode"/> and <see cref="StatusMessage"/> are TMDB's own, kept for logs.</summary>
public class TmdbException(string message, int? httpStatus = null, int? statusCode = null, string? statusMessage = null, Exception? inner = null)
    : Exception(message, inner)
{
    public int? HttpStatus { get; } = httpStatus;
    public int? StatusCode { get; } = statusCode;
    public string? StatusMessage { get; } = statusMessage;
}

/// <summary>TMDB cannot answer now (failing, unreachable, misconfigured or the circuit is open); clients see UPSTREAM_UNAVAILABLE.</summary>
public class TmdbUnavailableException(string message, int? httpStatus = null, int? statusCode = null, string? statusMessage = null, Exception? inner = null)
    : TmdbException(message, httpStatus, statusCode, statusMessage, inner);

/// <summary>
/// The request already made as many TMDB calls as its estimated cost allows (<see cref="Http.TmdbRequestShare"/>), so
/// this one was not sent: the cost analysis priced a list at a size the data outgrew (an actor with more credits than the
/// cost model assumes). Clients see QUERY_TOO_COMPLEX on the fields that needed it, with <c>extensions.tmdbCalls</c>.
/// </summary>
public sealed class TmdbCallBudgetException(long allowed)
    : TmdbException($"The operation needed more TMDB calls than its estimated cost allows ({allowed}): ask for fewer nested items.")
{
    /// <summary>The TMDB calls the request's cost allowed.</summary>
    public long Allowed { get; } = allowed;
}

/// <summary>
/// TMDB asked this instance to hold off (a 429 and its <c>Retry-After</c>) and the hold-off still runs, so no call was
/// sent; clients see UPSTREAM_UNAVAILABLE with <c>extensions.retryAfter</c>.
/// </summary>
public sealed class TmdbHoldOffException(string message, int retryAfterSeconds, int? httpStatus = null)
    : TmdbUnavailableException(message, httpStatus)
{
    /// <summary>Whole seconds (at least 1) until TMDB may be called again, when the exception was made.</summary>
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
