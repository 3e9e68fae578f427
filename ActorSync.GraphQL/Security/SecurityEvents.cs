using System.Globalization;
using System.Net;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Persisted;
using GraphQL;

namespace ActorSync.GraphQL.Security;

/// <summary>
/// Refusals an operator can see and count, as the original app did with its Rack::Attack events: each refused request
/// (rate limited, too complex, persisted-only, payload too large, bad request, stalled body, method or content type
/// refused) is one warning event with the client's address as Render's proxy saw it (the connection's address once the
/// forwarded-headers middleware ran), the policy or limit, and the reason; and one count in
/// <c>actorsync.security.refusals</c> tagged with that reason. The event is bounded: never the body or the query text,
/// only a short operation name and our own message.
/// </summary>
public sealed partial class SecurityEvents(IServiceProvider services, ILogger<SecurityEvents> logger)
{
    private const int MaxDetail = 200;
    private const int MaxOperation = 64;

    /// <summary>The reason a refusal with this error code is counted under; null for codes that are not refusals.</summary>
    public static string? ReasonFor(string? code) => code switch
    {
        ErrorCodes.RateLimited => "rate_limited",
        ErrorCodes.QueryTooComplex => "too_complex",
        PersistedOperations.Required => "persisted_only",
        // An unknown hash is Apollo's normal first step (it then sends the query along): not a refusal.
        PersistedOperations.NotSupported or PersistedOperations.HashMismatch => "persisted_query",
        ErrorCodes.PayloadTooLarge => "payload_too_large",
        ErrorCodes.BadRequest => "bad_request",
        ErrorCodes.RequestTimeout => "stalled_body",
        ErrorCodes.MethodNotAllowed or ErrorCodes.OperationNotAllowed => "method_refused",
        ErrorCodes.UnsupportedMediaType => "content_type_refused",
        ErrorCodes.NotAcceptable => "not_acceptable",
        _ => null,
    };

    /// <summary>A request refused at the HTTP level (the endpoint's <c>RequestRefusedException</c>).</summary>
    public void Refused(HttpContext context, int status, string code, string message, IReadOnlyDictionary<string, object?>? extensions, string? operation = null)
    {
        if (ReasonFor(code) is not { } reason)
            return;
        Write(context, reason, status, code, Policy(extensions), operation, message);
    }

    /// <summary>
    /// An answer of GraphQL errors: the operation is refused when one of them is a limit (QUERY_TOO_COMPLEX); other
    /// errors (syntax, validation, arguments) are the client's own mistakes, not refusals.
    /// </summary>
    public void RefusedIfLimited(HttpContext context, int status, ExecutionResult result, string? operation)
    {
        if (result.Errors is not { Count: > 0 } errors)
            return;
        foreach (var error in errors)
        {
            if (error.Code == ErrorCodes.QueryTooComplex)
            {
                Write(context, "too_complex", status, error.Code, Policy(error.Extensions), operation, error.Message);
                return;
            }
        }
    }

    private void Write(HttpContext context, string reason, int status, string code, string policy, string? operation, string message)
    {
        services.GetService<ActorSyncMetrics>()?.SecurityRefusal(reason);
        LogRefusal(logger, reason, ClientAddress(context), context.Request.Method, Bounded(context.Request.Path.Value, MaxOperation) ?? "",
            status, code, policy, Bounded(operation, MaxOperation) ?? "-", Bounded(message, MaxDetail) ?? "");
    }

    /// <summary>The address that sent the request: after the forwarded-headers middleware, the one Render's proxy saw.</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        IPAddress address => address.ToString(),
    };

    /// <summary>
    /// The policy or limit that refused: a rate-limit policy and its budget, or the measure a limit bounds and the
    /// limit (what the error's extensions carry).
    /// </summary>
    internal static string Policy(IReadOnlyDictionary<string, object?>? extensions)
    {
        if (extensions is null || !extensions.TryGetValue("limit", out var limit))
            return "-";
        var value = Convert.ToString(limit, CultureInfo.InvariantCulture);
        if (extensions.TryGetValue("policy", out var policy))
            return $"{policy} {value}/min";
        var measure = extensions.Keys.FirstOrDefault(k => k is not ("limit" or "code" or "retryAfter"));
        return measure is null ? $"limit {value}" : $"{measure} limit {value}";
    }

    private static string? Bounded(string? text, int max) =>
        text is null ? null : text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    [LoggerMessage(EventId = 20, EventName = "RequestRefused", Level = LogLevel.Warning,
        Message = "Refused {Reason} from {ClientIp}: {Method} {Path} answered {Status} {Code}, policy {Policy}, operation {OperationName}: {Detail}")]
    private static partial void LogRefusal(ILogger logger, string reason, string clientIp, string method, string path,
        int status, string code, string policy, string operationName, string detail);
}
