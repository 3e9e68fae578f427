using System.Diagnostics;

namespace ActorSync.GraphQL.Observability;

/// <summary>
/// Makes ASP.NET Core start its request activity (<c>Microsoft.AspNetCore.Hosting.HttpRequestIn</c>, W3C ids, the
/// caller's <c>traceparent</c> as its parent) for every request, so that every log line of a request carries its trace.
/// ASP.NET Core starts it only when someone listens: OpenTelemetry (when configured), a diagnostic listener, or its own
/// request logger being enabled at all. That last one holds with appsettings.json's levels, but not when an operator
/// silences <c>Microsoft.AspNetCore</c> (<c>Logging__LogLevel__Microsoft.AspNetCore=None</c>), and then the lines lost
/// their ids. This listener asks for the ids only (<see cref="ActivitySamplingResult.PropagationData"/>): nothing is
/// recorded or exported on its account, and a sampler that records (OpenTelemetry's) still decides for itself.
/// </summary>
internal static class RequestActivity
{
    /// <summary>The ActivitySource ASP.NET Core's hosting starts its request activities from.</summary>
    public const string HostingSourceName = "Microsoft.AspNetCore";

    // One for the process: an ActivityListener is global, and every host of the process wants the same.
    private static readonly Lazy<ActivityListener> Listener = new(() =>
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HostingSourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            SampleUsingParentId = static (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    });

    /// <summary>Starts listening (once per process).</summary>
    public static void EnsureStarted() => _ = Listener.Value;
}
