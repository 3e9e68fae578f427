using System.Globalization;
using ActorSync.GraphQL.Errors;
using Microsoft.AspNetCore.Http;

namespace ActorSync.GraphQL.Security;

/// <summary>
/// One request's time budget (<see cref="QueryLimitsOptions.ExecutionTimeout"/>) joined with the client going away
/// (<see cref="HttpContext.RequestAborted"/>): the token every validation, limit walk and execution of the request
/// observes. Writing the answer observes only RequestAborted, so an answer saying the budget ran out still goes out.
/// </summary>
public sealed class ExecutionBudget : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _aborted;

    public ExecutionBudget(TimeSpan timeout, CancellationToken aborted)
    {
        Timeout = timeout;
        _aborted = aborted;
        _source = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        if (timeout > TimeSpan.Zero)
            _source.CancelAfter(timeout);
    }

    /// <summary>The budget's limit (zero or less: none).</summary>
    public TimeSpan Timeout { get; }

    public CancellationToken Token => _source.Token;

    /// <summary>The budget ran out while the client was still there.</summary>
    public bool TimedOut => _source.IsCancellationRequested && !_aborted.IsCancellationRequested;

    /// <summary>Starts the request's budget and keeps it on the request for the code that runs its operations.</summary>
    public static ExecutionBudget Start(HttpContext context, QueryLimitsOptions limits)
    {
        var budget = new ExecutionBudget(limits.ExecutionTimeout, context.RequestAborted);
        context.Features.Set(budget);
        return budget;
    }

    /// <summary>The token work for this request observes: the budget's, or RequestAborted when none was started.</summary>
    public static CancellationToken TokenOf(HttpContext context) =>
        context.Features.Get<ExecutionBudget>()?.Token ?? context.RequestAborted;

    /// <summary>What the client is told when the budget ran out.</summary>
    public ActorSyncError Error()
    {
        var seconds = Math.Round(Timeout.TotalSeconds, 3);
        return new ActorSyncError(ErrorCodes.ExecutionTimeout,
            $"The request ran longer than {seconds.ToString(CultureInfo.InvariantCulture)} s, the limit for one request, and was stopped. Ask for less (fewer ids, a smaller first, fewer nested lists) or try again.",
            new Dictionary<string, object?> { ["timeoutSeconds"] = seconds });
    }

    public void Dispose() => _source.Dispose();
}
