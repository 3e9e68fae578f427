using GraphQL.Execution;

namespace ActorSync.GraphQL.Execution;

/// <summary>
/// Asks the execution it is put in (under <see cref="Key"/> in the user context) to compile its operation once it has
/// run without errors: the endpoint keeps the result for the next request of the same operation with the same variables.
/// </summary>
public sealed class PlanCapture
{
    public const string Key = "actorsync:planCapture";

    public CompiledOperation? Plan { get; set; }
}

/// <summary>Fills the <see cref="PlanCapture"/> of an execution that asked for one, while its coerced arguments are still at hand.</summary>
internal sealed class PlanCaptureListener : DocumentExecutionListenerBase
{
    public override Task AfterExecutionAsync(IExecutionContext context)
    {
        if (context.Errors.Count == 0 && context.UserContext.TryGetValue(PlanCapture.Key, out var value) && value is PlanCapture capture)
            capture.Plan = CompiledOperation.TryCompile(context);
        return Task.CompletedTask;
    }
}
