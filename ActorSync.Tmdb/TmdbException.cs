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
/// TMDB asked this instance to hold off (a 429 and its <c>Retry-After</c>) and the hold-off still runs, so no call was
/// sent; clients see UPSTREAM_UNAVAILABLE with <c>extensions.retryAfter</c>.
/// </summary>
public sealed class TmdbHoldOffException(string message, int retryAfterSeconds, int? httpStatus = null)
    : TmdbUnavailableException(message, httpStatus)
{
    /// <summary>Whole seconds (at least 1) until TMDB may be called again, when the exception was made.</summary>
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
