using System.Globalization;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Security;

namespace ActorSync.GraphQL.Pipeline;

/// <summary>
/// The rate-limit stage: every operation of a request about to run takes a permit from each budget its root fields
/// fall under (<see cref="OperationRateLimiter"/>); one refusal refuses the whole request with 429 before anything runs.
/// The answer carries the IETF RateLimit fields of the tightest budget it counted against.
/// </summary>
public sealed class RateLimitStage(OperationRateLimiter limiter, ActorSyncMetrics? metrics = null)
{
    /// <summary>
    /// Takes the permits of the operations that will run (picked, not answered early); throws a 429
    /// <see cref="RequestRefusedException"/> when one is refused.
    /// </summary>
    public async Task EnforceAsync(HttpContext context, IReadOnlyList<PreparedOperation> operations)
    {
        if (!limiter.Enabled)
            return;
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        RateDecision? shown = null;
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not { Document: { } document, Operation: { } operation, Early: null })
                continue;
            var decision = await limiter.AcquireAsync(client, OperationRateLimiter.Classify(document, operation), context.RequestAborted);
            if (!decision.Allowed)
            {
                metrics?.RateLimitRejected(decision.Policy);
                context.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                SetHeaders(context, decision);
                throw new RequestRefusedException(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
                    $"Rate limit reached for {decision.Policy} operations ({decision.Limit} per minute); retry in {decision.RetryAfterSeconds} s.",
                    new Dictionary<string, object?> { ["retryAfter"] = decision.RetryAfterSeconds, ["policy"] = decision.Policy, ["limit"] = decision.Limit });
            }
            if (shown is null || decision.Remaining < shown.Remaining)
                shown = decision;
        }
        if (shown is not null)
            SetHeaders(context, shown);
    }

    /// <summary>
    /// The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers, structured fields): the policy the request counted
    /// against, named, with its quota and window (<c>"compare";q=30;w=60</c>), and what is left of it
    /// (<c>"compare";r=12</c>), with the seconds until it resets when it is spent (<c>;t=41</c>).
    /// </summary>
    private void SetHeaders(HttpContext context, RateDecision decision)
    {
        var name = decision.Policy;
        context.Response.Headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"\"{name}\";q={decision.Limit};w={limiter.WindowSeconds}");
        context.Response.Headers["RateLimit"] = decision.Allowed
            ? string.Create(CultureInfo.InvariantCulture, $"\"{name}\";r={Math.Max(0, decision.Remaining)}")
            : string.Create(CultureInfo.InvariantCulture, $"\"{name}\";r=0;t={decision.RetryAfterSeconds}");
    }
}
