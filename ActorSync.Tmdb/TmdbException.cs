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
