using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Models;
using ActorSync.Tmdb.Offline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorSync.TestHosts;

/// <summary>
/// A TMDB v3 emulator for tests: a real Kestrel socket on 127.0.0.1 (a port the OS picks) serving the bundled offline
/// snapshot (<see cref="OfflineTmdbClient"/>) in TMDB's response shapes and error bodies, recording every request, and
/// injecting latency, failures, rate limits and hangs on demand. Everything is thread-safe.
/// </summary>
/// <remarks>
/// <para>Routes (all under <see cref="BaseUrl"/>, i.e. <c>/3</c>): <c>GET /person/{id}</c>, <c>GET /movie/{id}</c>
/// (<c>movie_credits</c> / <c>credits</c> only when <c>append_to_response</c> names them), <c>GET /search/person</c>,
/// <c>GET /search/movie</c> (<c>query</c>, <c>page</c> 1..500; <c>include_adult</c> is accepted and ignored) and
/// <c>GET /configuration</c>. HEAD is answered like GET; any other method or path is TMDB's 404.</para>
/// <para>Every request is handled in this order: it is recorded; <see cref="Latency"/> elapses; the first matching
/// injected fault applies (one-shot faults before standing ones, each in the order they were added), so faults win over
/// authentication, like a gateway in front of TMDB; the key is checked (401); the route answers.</para>
/// <para>Path prefixes (for <see cref="CallsTo"/> and every fault's <c>pathPrefix</c>) are the request path including
/// <c>/3</c>, matched a segment at a time: <c>"/3/person/287"</c> matches <c>/3/person/287</c> and
/// <c>/3/person/287/…</c> but not <c>/3/person/2870</c>. A prefix containing <c>?</c> is matched as plain text against
/// the path and query string (<c>"/3/search/person?query=tom"</c>).</para>
/// </remarks>
public sealed class TmdbEmulator : IAsyncDisposable
{
    /// <summary>The key <see cref="StartAsync"/> accepts unless told otherwise (v3 keys are 32 hex digits).</summary>
    public const string DefaultApiKey = "test-key-0123456789abcdef0123456789abcdef";

    /// <summary>The exact <c>Content-Type</c> TMDB answers with.</summary>
    public const string JsonContentType = "application/json;charset=utf-8";

    /// <summary>TMDB's body for a 401 (status_code 7).</summary>
    public const string InvalidApiKeyBody = """{"success":false,"status_code":7,"status_message":"Invalid API key: You must be granted a valid key."}""";

    /// <summary>TMDB's body for a 404 (status_code 34): unknown id or path.</summary>
    public const string NotFoundBody = """{"success":false,"status_code":34,"status_message":"The resource you requested could not be found."}""";

    /// <summary>TMDB's body for a 422 (status_code 22): page outside 1..500 or not an integer.</summary>
    public const string InvalidPageBody = """{"success":false,"status_code":22,"status_message":"Invalid page: Pages start at 1 and max at 500. They are expected to be an integer."}""";

    /// <summary>TMDB's body for a 429 (status_code 25).</summary>
    public const string RateLimitedBody = """{"success":false,"status_code":25,"status_message":"Your request count (#) is over the allowed limit of (40)."}""";

    /// <summary>TMDB's body for a 500/503 (status_code 11), and for any other injected status without a body of its own.</summary>
    public const string InternalErrorBody = """{"success":false,"status_code":11,"status_message":"Internal error: Something went wrong, contact TMDB."}""";

    /// <summary>What TMDB answers to a search with an empty query.</summary>
    public const string EmptySearchBody = """{"page":1,"results":[],"total_pages":1,"total_results":0}""";

    /// <summary>The body of <c>GET /configuration</c>.</summary>
    public const string ConfigurationBody = """{"images":{"base_url":"http://image.tmdb.org/t/p/","secure_base_url":"https://image.tmdb.org/t/p/","poster_sizes":["w92","w154","w185","w342","w500","w780","original"],"profile_sizes":["w45","w185","h632","original"]},"change_keys":[]}""";

    /// <summary>The largest page a TMDB search serves.</summary>
    public const int MaxPage = OfflineTmdbClient.MaxPage;

    /// <summary>How long disposal waits for in-flight requests (hung ones are cancelled at once) before cutting them off.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    /// <summary>TMDB writes non-ASCII text as raw UTF-8, not as <c>\uXXXX</c> escapes.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Complete: the emulator answers as TMDB does.</summary>
    private static readonly OfflineTmdbClient SnapshotClient = new(OfflineContent.Complete);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _gate = new();
    private readonly List<CallEntry> _calls = [];
    private readonly List<FaultRule> _nextFaults = [];
    private readonly List<FaultRule> _alwaysFaults = [];
    private long _latencyTicks;
    private int _disposed;

    private TmdbEmulator(string apiKey)
    {
        ApiKey = apiKey;

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TmdbEmulator).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.WebHost
            .UseKestrelCore()
            .ConfigureKestrel(options =>
            {
                options.AddServerHeader = false;
                options.Listen(IPAddress.Loopback, 0);
            });
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);

        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>Where TMDB v3 lives on the emulator: <c>http://127.0.0.1:&lt;port&gt;/3</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The one credential accepted, as <c>?api_key=</c> (v3 key) or as <c>Authorization: Bearer</c> (v4 token).</summary>
    public string ApiKey { get; }

    /// <summary>Starts an emulator on 127.0.0.1 and a free port; the offline snapshot is loaded before it returns.</summary>
    public static async Task<TmdbEmulator> StartAsync(string apiKey = DefaultApiKey, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);

        // Load the snapshot now, so the first request is not slowed by it (tests give up after short timeouts).
        await Task.Run(SnapshotClient.WarmUp, ct);

        var emulator = new TmdbEmulator(apiKey);
        try
        {
            await emulator._app.StartAsync(ct);
            var addresses = emulator._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            var bound = addresses.Select(address => new Uri(address)).ToArray();
            if (bound.Length != 1 || !IPAddress.TryParse(bound[0].Host, out var ip) || !IPAddress.IsLoopback(ip) || bound[0].Port <= 0)
                throw new InvalidOperationException($"Expected the TMDB emulator to listen on one 127.0.0.1 port; it listens on: {string.Join(", ", addresses)}.");
            emulator.BaseUrl = $"http://127.0.0.1:{bound[0].Port.ToString(CultureInfo.InvariantCulture)}/3";
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A TMDB base URL (<c>http://127.0.0.1:&lt;port&gt;/3</c>) where nothing listens, so connecting is refused: a port the
    /// OS handed out and that was released at once. (Another process could grab it meanwhile; that is unlikely.)
    /// </summary>
    public static string UnusedLoopbackBaseUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            return $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/3";
        }
        finally
        {
            listener.Stop();
        }
    }

    // --- call counting -----------------------------------------------------------------------------------

    /// <summary>How many requests arrived since the start or the last <see cref="ResetCounts"/>, faulted ones included.</summary>
    public int TotalCalls
    {
        get
        {
            lock (_gate)
                return _calls.Count;
        }
    }

    /// <summary>Every request since the start or the last <see cref="ResetCounts"/>, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_gate)
                return _calls.Select(call => call.ToRecord()).ToArray();
        }
    }

    /// <summary>How many requests matched <paramref name="pathAndQueryPrefix"/> (see the remarks on <see cref="TmdbEmulator"/>).</summary>
    public int CallsTo(string pathAndQueryPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathAndQueryPrefix);
        lock (_gate)
            return _calls.Count(call => Matches(pathAndQueryPrefix, call.Path, call.Path + call.QueryString));
    }

    /// <summary>Forgets the recorded requests (faults and latency stay; see <see cref="Heal"/>).</summary>
    public void ResetCounts()
    {
        lock (_gate)
            _calls.Clear();
    }

    // --- fault injection ---------------------------------------------------------------------------------

    /// <summary>
    /// Delay before every response (faulted ones too). It ends early, with no answer, when the client gives up or the
    /// emulator is disposed. <see cref="TimeSpan.Zero"/> (the default) for none.
    /// </summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set
        {
            if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
                throw new ArgumentOutOfRangeException(nameof(value), value, "Latency must not be negative.");
            Interlocked.Exchange(ref _latencyTicks, value.Ticks);
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> requests matching <paramref name="pathPrefix"/> (all when null) get
    /// <paramref name="status"/> and TMDB's body for it: 401, 404, 422 and 429 their own (429 with <c>Retry-After: 1</c>),
    /// anything else the internal-error body (status_code 11).
    /// </summary>
    public void FailNext(int count, int status = 503, string? pathPrefix = null) =>
        AddNext(count, FaultRule.Failure(CheckStatus(status), CheckPrefix(pathPrefix)));

    /// <summary>Every request matching <paramref name="pathPrefix"/> (all when null) fails like <see cref="FailNext"/>, until <see cref="Heal"/>.</summary>
    public void FailAlways(int status = 503, string? pathPrefix = null) =>
        AddAlways(FaultRule.Failure(CheckStatus(status), CheckPrefix(pathPrefix)));

    /// <summary>The next <paramref name="count"/> matching requests get a 429 with TMDB's body and <c>Retry-After: <paramref name="retryAfterSeconds"/></c>.</summary>
    public void RateLimitNext(int count, int retryAfterSeconds, string? pathPrefix = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        AddNext(count, FaultRule.RateLimit(retryAfterSeconds, CheckPrefix(pathPrefix)));
    }

    /// <summary>
    /// The next <paramref name="count"/> matching requests are never answered: they wait until the client gives up (or
    /// the emulator is disposed, which resets their connections).
    /// </summary>
    public void HangNext(int count, string? pathPrefix = null) =>
        AddNext(count, FaultRule.Hang(CheckPrefix(pathPrefix)));

    /// <summary>Every matching request hangs like <see cref="HangNext"/>, until <see cref="Heal"/>.</summary>
    public void HangAlways(string? pathPrefix = null) =>
        AddAlways(FaultRule.Hang(CheckPrefix(pathPrefix)));

    /// <summary>Clears every fault and the latency. Requests already hanging keep hanging until their clients give up.</summary>
    public void Heal()
    {
        lock (_gate)
        {
            _nextFaults.Clear();
            _alwaysFaults.Clear();
        }
        Latency = TimeSpan.Zero;
    }

    /// <summary>Stops the server: hung and delayed requests are cut off at once, others get <see cref="ShutdownTimeout"/> to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;

        await _shutdown.CancelAsync();
        using (var stopTimeout = new CancellationTokenSource(ShutdownTimeout + ShutdownTimeout))
        {
            try
            {
                await _app.StopAsync(stopTimeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Kestrel has aborted whatever was left; nothing more to wait for.
            }
        }
        await _app.DisposeAsync();
        _shutdown.Dispose();
    }

    private void AddNext(int count, FaultRule rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
            return;
        rule.Remaining = count;
        lock (_gate)
            _nextFaults.Add(rule);
    }

    private void AddAlways(FaultRule rule)
    {
        lock (_gate)
            _alwaysFaults.Add(rule);
    }

    private static int CheckStatus(int status)
    {
        if (status is < 400 or > 599)
            throw new ArgumentOutOfRangeException(nameof(status), status, "An injected failure must be a 4xx or 5xx status.");
        return status;
    }

    private static string? CheckPrefix(string? pathPrefix)
    {
        if (pathPrefix is not null && !pathPrefix.StartsWith('/'))
            throw new ArgumentException($"A path prefix starts with '/' and includes the /3 of the API version, e.g. \"/3/person\"; got \"{pathPrefix}\".", nameof(pathPrefix));
        return pathPrefix;
    }

    /// <summary>Segment-wise path prefix, or plain text on path and query when the prefix has a '?'.</summary>
    private static bool Matches(string? prefix, string path, string pathAndQuery)
    {
        if (string.IsNullOrEmpty(prefix))
            return true;
        if (prefix.Contains('?'))
            return pathAndQuery.StartsWith(prefix, StringComparison.Ordinal);
        return path.StartsWith(prefix, StringComparison.Ordinal)
            && (path.Length == prefix.Length || prefix.EndsWith('/') || path[prefix.Length] == '/');
    }

    private FaultRule? TakeFault(string path, string pathAndQuery)
    {
        lock (_gate)
        {
            for (var i = 0; i < _nextFaults.Count; i++)
            {
                var rule = _nextFaults[i];
                if (!Matches(rule.PathPrefix, path, pathAndQuery))
                    continue;
                if (--rule.Remaining == 0)
                    _nextFaults.RemoveAt(i);
                return rule;
            }
            return _alwaysFaults.FirstOrDefault(rule => Matches(rule.PathPrefix, path, pathAndQuery));
        }
    }

    // --- the server ---------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        var query = request.QueryString.Value ?? "";
        var call = new CallEntry(request.Method, path, query, request.Headers.Authorization.Count > 0, DateTimeOffset.UtcNow);
        lock (_gate)
            _calls.Add(call);

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _shutdown.Token);
        var token = cancellation.Token;
        try
        {
            var latency = Latency;
            if (latency != TimeSpan.Zero)
                await Task.Delay(latency, token);

            if (TakeFault(path, path + query) is { } fault)
            {
                SetFault(call, fault.Kind);
                switch (fault.Kind)
                {
                    case TmdbEmulatorFault.Hang:
                        await Task.Delay(Timeout.Infinite, token);
                        return;
                    case TmdbEmulatorFault.RateLimit:
                        context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                        await WriteAsync(context, call, StatusCodes.Status429TooManyRequests, RateLimitedBody, token);
                        return;
                    default:
                        if (fault.Status == StatusCodes.Status429TooManyRequests)
                            context.Response.Headers.RetryAfter = "1";
                        await WriteAsync(context, call, fault.Status, ErrorBodyFor(fault.Status), token);
                        return;
                }
            }

            if (!IsAuthorized(request))
            {
                await WriteAsync(context, call, StatusCodes.Status401Unauthorized, InvalidApiKeyBody, token);
                return;
            }

            await RouteAsync(context, call, path, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client gave up, or the emulator is shutting down: no answer. On shutdown, reset the connection so
            // the client fails now instead of waiting for a response that will never come.
            if (!context.RequestAborted.IsCancellationRequested)
                context.Abort();
        }
    }

    private bool IsAuthorized(HttpRequest request)
    {
        if (request.Query.TryGetValue("api_key", out var keys) && keys.Count == 1 && string.Equals(keys[0], ApiKey, StringComparison.Ordinal))
            return true;

        const string bearer = "Bearer ";
        var authorization = request.Headers.Authorization;
        return authorization.Count == 1
            && authorization[0] is { } value
            && value.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            && string.Equals(value[bearer.Length..].Trim(), ApiKey, StringComparison.Ordinal);
    }

    private async Task RouteAsync(HttpContext context, CallEntry call, string path, CancellationToken token)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await WriteAsync(context, call, StatusCodes.Status404NotFound, NotFoundBody, token);
            return;
        }

        var segments = path.Split('/');
        if (segments is not ["", "3", .. var route])
        {
            await WriteAsync(context, call, StatusCodes.Status404NotFound, NotFoundBody, token);
            return;
        }

        switch (route)
        {
            case ["configuration"]:
                await WriteAsync(context, call, StatusCodes.Status200OK, ConfigurationBody, token);
                return;

            case ["person", var idText] when TryParseId(idText, out var id):
                var person = await SnapshotClient.GetPersonAsync(id, token);
                if (person is null)
                    break;
                var withMovieCredits = Appends(request, "movie_credits");
                var personJson = ToJson(person with { MovieCredits = withMovieCredits ? person.MovieCredits ?? new TmdbPersonMovieCredits() : null }, TmdbJsonContext.Default.TmdbPerson);
                if (!withMovieCredits)
                    personJson.Remove("movie_credits");
                await WriteAsync(context, call, StatusCodes.Status200OK, personJson, token);
                return;

            case ["movie", var idText] when TryParseId(idText, out var id):
                var movie = await SnapshotClient.GetMovieAsync(id, token);
                if (movie is null)
                    break;
                var withCredits = Appends(request, "credits");
                var movieJson = ToJson(movie with { Credits = withCredits ? movie.Credits ?? new TmdbMovieCredits() : null }, TmdbJsonContext.Default.TmdbMovie);
                if (!withCredits)
                    movieJson.Remove("credits");
                await WriteAsync(context, call, StatusCodes.Status200OK, movieJson, token);
                return;

            case ["search", "person"]:
                await SearchAsync(context, call, token, async (text, page) =>
                    ToJson(await SnapshotClient.SearchPeopleAsync(text, page, token), TmdbJsonContext.Default.TmdbSearchPageTmdbPersonSearchResult));
                return;

            case ["search", "movie"]:
                await SearchAsync(context, call, token, async (text, page) =>
                    ToJson(await SnapshotClient.SearchMoviesAsync(text, page, token), TmdbJsonContext.Default.TmdbSearchPageTmdbMovieSearchResult));
                return;
        }

        await WriteAsync(context, call, StatusCodes.Status404NotFound, NotFoundBody, token);
    }

    private static async Task SearchAsync(HttpContext context, CallEntry call, CancellationToken token, Func<string, int, Task<JsonObject>> search)
    {
        var request = context.Request;
        var page = 1;
        if (request.Query.TryGetValue("page", out var pageValues)
            && !(pageValues.Count == 1
                 && int.TryParse(pageValues[0], NumberStyles.None, CultureInfo.InvariantCulture, out page)
                 && page is >= 1 and <= MaxPage))
        {
            await WriteAsync(context, call, StatusCodes.Status422UnprocessableEntity, InvalidPageBody, token);
            return;
        }

        var text = request.Query.TryGetValue("query", out var queryValues) ? queryValues.ToString() : "";
        if (string.IsNullOrWhiteSpace(text))
        {
            await WriteAsync(context, call, StatusCodes.Status200OK, EmptySearchBody, token);
            return;
        }

        await WriteAsync(context, call, StatusCodes.Status200OK, await search(text, page), token);
    }

    private static bool TryParseId(string text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    /// <summary>Whether <c>append_to_response</c> (a comma-separated list) names <paramref name="name"/>.</summary>
    private static bool Appends(HttpRequest request, string name)
    {
        foreach (var value in request.Query["append_to_response"])
        {
            if (value is not null && value.Split(',', StringSplitOptions.TrimEntries).Contains(name, StringComparer.Ordinal))
                return true;
        }
        return false;
    }

    private static string ErrorBodyFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => InvalidApiKeyBody,
        StatusCodes.Status404NotFound => NotFoundBody,
        StatusCodes.Status422UnprocessableEntity => InvalidPageBody,
        StatusCodes.Status429TooManyRequests => RateLimitedBody,
        _ => InternalErrorBody,
    };

    private static JsonObject ToJson<T>(T value, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.SerializeToNode(value, typeInfo)?.AsObject()
        ?? throw new InvalidOperationException($"{typeof(T).Name} serialized to null.");

    private static Task WriteAsync(HttpContext context, CallEntry call, int status, JsonObject json, CancellationToken token)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            json.WriteTo(writer);
        return WriteAsync(context, call, status, buffer.WrittenMemory, token);
    }

    private static Task WriteAsync(HttpContext context, CallEntry call, int status, string body, CancellationToken token) =>
        WriteAsync(context, call, status, Encoding.UTF8.GetBytes(body), token);

    private static async Task WriteAsync(HttpContext context, CallEntry call, int status, ReadOnlyMemory<byte> body, CancellationToken token)
    {
        // Recorded before the response starts, so a client that has the response also sees it in Calls.
        call.Status = status;
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
            await response.Body.WriteAsync(body, token);
    }

    private void SetFault(CallEntry call, TmdbEmulatorFault fault)
    {
        lock (_gate)
            call.Fault = fault;
    }

    /// <summary>A request as it is being handled; <see cref="Status"/> and <see cref="Fault"/> fill in as it goes.</summary>
    private sealed class CallEntry(string method, string path, string queryString, bool hasAuthorizationHeader, DateTimeOffset timestamp)
    {
        private int _status;

        public string Path { get; } = path;
        public string QueryString { get; } = queryString;
        public TmdbEmulatorFault Fault { get; set; }

        public int Status
        {
            get => Volatile.Read(ref _status);
            set => Volatile.Write(ref _status, value);
        }

        public RecordedCall ToRecord()
        {
            var status = Status;
            return new RecordedCall(method, Path, QueryString, hasAuthorizationHeader, timestamp, status == 0 ? null : status, Fault);
        }
    }

    private sealed class FaultRule
    {
        private FaultRule(TmdbEmulatorFault kind, int status, int retryAfterSeconds, string? pathPrefix)
        {
            Kind = kind;
            Status = status;
            RetryAfterSeconds = retryAfterSeconds;
            PathPrefix = pathPrefix;
        }

        public TmdbEmulatorFault Kind { get; }
        public int Status { get; }
        public int RetryAfterSeconds { get; }
        public string? PathPrefix { get; }

        /// <summary>For one-shot rules: how many more requests it applies to (guarded by the emulator's lock).</summary>
        public int Remaining { get; set; }

        public static FaultRule Failure(int status, string? pathPrefix) => new(TmdbEmulatorFault.Failure, status, 0, pathPrefix);
        public static FaultRule RateLimit(int retryAfterSeconds, string? pathPrefix) => new(TmdbEmulatorFault.RateLimit, StatusCodes.Status429TooManyRequests, retryAfterSeconds, pathPrefix);
        public static FaultRule Hang(string? pathPrefix) => new(TmdbEmulatorFault.Hang, 0, 0, pathPrefix);
    }
}

/// <summary>Which injected fault, if any, a request met.</summary>
public enum TmdbEmulatorFault
{
    None,
    /// <summary><see cref="TmdbEmulator.FailNext"/> / <see cref="TmdbEmulator.FailAlways"/>.</summary>
    Failure,
    /// <summary><see cref="TmdbEmulator.RateLimitNext"/>.</summary>
    RateLimit,
    /// <summary><see cref="TmdbEmulator.HangNext"/> / <see cref="TmdbEmulator.HangAlways"/>.</summary>
    Hang,
}

/// <summary>A request the emulator received.</summary>
/// <param name="Method">The HTTP method, e.g. <c>GET</c>.</param>
/// <param name="Path">The path including <c>/3</c>, e.g. <c>/3/person/287</c>.</param>
/// <param name="QueryString">The raw query string with its leading <c>?</c>, or empty.</param>
/// <param name="HasAuthorizationHeader">Whether an <c>Authorization</c> header was sent (valid or not).</param>
/// <param name="Timestamp">When the request arrived (UTC).</param>
/// <param name="Status">The status answered; null while in flight, and for requests never answered (hung, or the client gave up).</param>
/// <param name="Fault">The injected fault the request met, if any.</param>
public sealed record RecordedCall(
    string Method,
    string Path,
    string QueryString,
    bool HasAuthorizationHeader,
    DateTimeOffset Timestamp,
    int? Status,
    TmdbEmulatorFault Fault)
{
    /// <summary><see cref="Path"/> followed by <see cref="QueryString"/>.</summary>
    public string PathAndQuery => Path + QueryString;
}
