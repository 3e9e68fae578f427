using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorSync.Tmdb.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace ActorSync.Tmdb.Http;

/// <summary>
/// The live TMDB v3 client. Resilience (rate limit, retries, timeouts, circuit breaker) is configured once
/// on its HttpClient; this class maps what comes out of it, in one place, to results and exceptions:
/// 404 is null, everything TMDB cannot answer now is <see cref="TmdbUnavailableException"/>.
/// </summary>
public sealed partial class TmdbHttpClient(
    HttpClient http, IOptions<TmdbOptions> options, TmdbCircuit state, TmdbHoldOff holdOff, ILogger<TmdbHttpClient> logger) : ITmdbClient
{
    private readonly string? _key = options.Value.ApiKey;
    private readonly bool _bearer = IsReadAccessToken(options.Value.ApiKey);

    public Task<TmdbPerson?> GetPersonAsync(int personId, CancellationToken cancellationToken = default) =>
        GetAsync($"person/{personId}?append_to_response=movie_credits", "person", TmdbJsonContext.Default.TmdbPerson, cancellationToken);

    public Task<TmdbMovie?> GetMovieAsync(int movieId, CancellationToken cancellationToken = default) =>
        GetAsync($"movie/{movieId}?append_to_response=credits", "movie", TmdbJsonContext.Default.TmdbMovie, cancellationToken);

    public async Task<TmdbSearchPage<TmdbPersonSearchResult>> SearchPeopleAsync(string query, int page, CancellationToken cancellationToken = default) =>
        await GetAsync(SearchPath("person", query, page), "search/person", TmdbJsonContext.Default.TmdbSearchPageTmdbPersonSearchResult, cancellationToken)
        ?? throw new TmdbException("TMDB answered 404 to a search.", 404);

    public async Task<TmdbSearchPage<TmdbMovieSearchResult>> SearchMoviesAsync(string query, int page, CancellationToken cancellationToken = default) =>
        await GetAsync(SearchPath("movie", query, page), "search/movie", TmdbJsonContext.Default.TmdbSearchPageTmdbMovieSearchResult, cancellationToken)
        ?? throw new TmdbException("TMDB answered 404 to a search.", 404);

    public async Task<TmdbConfiguration> GetConfigurationAsync(CancellationToken cancellationToken = default) =>
        await GetAsync("configuration", "configuration", TmdbJsonContext.Default.TmdbConfiguration, cancellationToken)
        ?? throw new TmdbException("TMDB answered 404 to /configuration.", 404);

    /// <summary>A v4 read access token is a JWT ("eyJ…" with three dot-separated parts); anything else is a v3 key.</summary>
    public static bool IsReadAccessToken(string? key) =>
        key is not null && key.StartsWith("eyJ", StringComparison.Ordinal) && key.Count(c => c == '.') == 2;

    private static string SearchPath(string kind, string query, int page) =>
        $"search/{kind}?query={Uri.EscapeDataString(query)}&page={page}&include_adult=false";

    private async Task<T?> GetAsync<T>(string pathAndQuery, string endpoint, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        // During a 429's hold-off nothing is sent, and nothing waits: the caller serves its cache or fails at once.
        holdOff.ThrowIfActive(endpoint);
        using var request = new HttpRequestMessage(HttpMethod.Get, WithKey(pathAndQuery));
        if (_bearer)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ToUnavailable(ex, endpoint, cancellationToken) is { } unavailable)
        {
            throw unavailable;
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                return await JsonSerializer.DeserializeAsync(body, type, cancellationToken).ConfigureAwait(false)
                    ?? throw new TmdbException($"TMDB answered {endpoint} with an empty body.", (int)response.StatusCode);
            }
            if (response.StatusCode == HttpStatusCode.NotFound)
                return null;
            throw await ToExceptionAsync(response, endpoint, cancellationToken).ConfigureAwait(false);
        }
    }

    private string WithKey(string pathAndQuery) =>
        _bearer || string.IsNullOrEmpty(_key)
            ? pathAndQuery
            : pathAndQuery + (pathAndQuery.Contains('?') ? '&' : '?') + "api_key=" + Uri.EscapeDataString(_key);

    /// <summary>
    /// What the resilience pipeline throws when TMDB cannot answer; null for the caller's own cancellation and for a
    /// hold-off (already the right exception). Logged once per call that used up its attempts; a call refused by the
    /// open circuit is expected (the circuit's opening was logged) and only logged at Debug.
    /// </summary>
    private TmdbUnavailableException? ToUnavailable(Exception ex, string endpoint, CancellationToken cancellationToken)
    {
        if (ex is BrokenCircuitException)
        {
            LogRejected(logger, endpoint);
            return new TmdbUnavailableException($"TMDB {endpoint} call failed: the circuit breaker is open after repeated failures.", inner: ex);
        }
        var reason = ex switch
        {
            TimeoutRejectedException => "TMDB did not answer in time",
            RateLimiterRejectedException => "too many TMDB calls are queued",
            HttpRequestException => "TMDB could not be reached",
            OperationCanceledException when !cancellationToken.IsCancellationRequested => "TMDB did not answer in time",
            _ => null,
        };
        if (reason is null)
            return null;
        LogUnavailable(logger, endpoint, reason);
        return new TmdbUnavailableException($"TMDB {endpoint} call failed: {reason}.", inner: ex);
    }

    private async Task<TmdbException> ToExceptionAsync(HttpResponseMessage response, string endpoint, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        TmdbError? error = null;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            error = await JsonSerializer.DeserializeAsync(body, TmdbJsonContext.Default.TmdbError, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // Not TMDB's error shape (a proxy's HTML page, say): the HTTP status is all we have.
        }

        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                // A configuration problem, not TMDB being down: say so once, loudly, and never retry.
                if (Interlocked.Exchange(ref state.AuthFailureLogged, 1) == 0)
                    LogUnauthorized(logger, error?.StatusCode, error?.StatusMessage);
                return new TmdbUnavailableException("TMDB rejected the API key.", status, error?.StatusCode, error?.StatusMessage);
            case HttpStatusCode.TooManyRequests:
                // The hold-off it started is logged once; the caller learns when to come back.
                return holdOff.Rejection(endpoint, status);
            case HttpStatusCode.RequestTimeout:
            case >= HttpStatusCode.InternalServerError:
                LogFailed(logger, endpoint, status, error?.StatusCode, error?.StatusMessage);
                return new TmdbUnavailableException($"TMDB {endpoint} call failed with HTTP {status}.", status, error?.StatusCode, error?.StatusMessage);
            default:
                LogFailed(logger, endpoint, status, error?.StatusCode, error?.StatusMessage);
                return new TmdbException($"TMDB {endpoint} call failed with HTTP {status}.", status, error?.StatusCode, error?.StatusMessage);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "TMDB rejected the API key (HTTP 401, TMDB status_code {TmdbStatusCode}: {TmdbStatusMessage}). Check TMDB_API_KEY; clients get UPSTREAM_UNAVAILABLE until it is fixed.")]
    private static partial void LogUnauthorized(ILogger logger, int? tmdbStatusCode, string? tmdbStatusMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TMDB {Endpoint} call failed: HTTP {Status}, TMDB status_code {TmdbStatusCode}: {TmdbStatusMessage}")]
    private static partial void LogFailed(ILogger logger, string endpoint, int status, int? tmdbStatusCode, string? tmdbStatusMessage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "TMDB {Endpoint} call not sent: the circuit is open")]
    private static partial void LogRejected(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TMDB {Endpoint} call failed: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string endpoint, string reason);
}
