using System.Diagnostics;
using ActorSync.GraphQL.Execution;
using GraphQL;
using GraphQL.DI;
using GraphQL.Telemetry;
using GraphQL.Validation;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace ActorSync.GraphQL.Observability;

/// <summary>
/// Gives an operation answered by the direct path (<see cref="DirectExecutor"/>) the span GraphQL.NET's executor gives
/// the operations it runs: the same code makes it. GraphQL.NET's <see cref="GraphQLTelemetryProvider"/> (registered by
/// <c>UseTelemetry</c>, when OpenTelemetry is configured) is called with the request's execution options and, in place
/// of the executor, a step that reports the operation as validated and returns the executed result. So the span has
/// the same source (<c>GraphQL</c>), name (<c>graphql</c>), kind, display name (<c>query Name</c>), tags
/// (<c>graphql.operation.name</c>, <c>graphql.operation.type</c>, <c>graphql.document</c>), parent (the request's span)
/// and options (filter, document sanitizer, enrichers) as the executor's.
/// <para>
/// It is made once the direct path has answered, starting when the attempt started: an attempt gives up (and GraphQL.NET
/// executes the operation with its own span) whenever a value is not at hand, and a span made for it would either be a
/// second span of the operation or one dropped while a TMDB call it started was still its child. An answered attempt
/// found every value at hand, so it started no TMDB or Redis call that would have been the span's child. The executed result handed to the
/// provider has no <c>Data</c> (the direct path writes its answer as bytes): an enricher of results sees no data.
/// </para>
/// </summary>
public sealed class DirectExecutionTelemetry(IEnumerable<IConfigureExecution> configurations)
{
    private readonly GraphQLTelemetryProvider? _provider = configurations.OfType<GraphQLTelemetryProvider>().FirstOrDefault();

    /// <summary>
    /// When a span would be recorded (telemetry on and someone listening to its source): the time an attempt starts,
    /// to start its span at. Null otherwise, and then there is nothing to record.
    /// </summary>
    public DateTime? Start() => _provider is not null && Source.Listening ? DateTime.UtcNow : null;

    /// <summary>
    /// Makes the span of an operation the direct path answered, from <paramref name="started"/> to now, with the
    /// options GraphQL.NET's executor would have been given for it.
    /// </summary>
    public Task RecordAsync(DateTime started, CompiledOperation plan, ExecutionOptions options)
    {
        if (_provider is null)
            return Task.CompletedTask;
        options.Schema = plan.Schema;
        var outer = Activity.Current;
        return _provider.ExecuteAsync(options, executing =>
        {
            // The provider's span, when it started one (it starts none when its source is not sampled).
            if (Activity.Current is { } span && span != outer)
                span.SetStartTime(started);
            return executing.Listeners.Count == 0 ? Task.FromResult(Executed()) : AfterValidationAsync(executing, plan);
        });
    }

    /// <summary>What the executor tells the listeners once the operation is validated (the provider's tags the operation there).</summary>
    private static async Task<ExecutionResult> AfterValidationAsync(ExecutionOptions options, CompiledOperation plan)
    {
        using var execution = new ExecutionContext
        {
            Schema = plan.Schema,
            Document = plan.Document,
            Operation = plan.Operation,
            Variables = plan.Variables,
            UserContext = options.UserContext,
            RequestServices = options.RequestServices,
            User = options.User,
            CancellationToken = options.CancellationToken,
            ExecutionOptions = options,
        };
        var validated = new ValidationResult { Variables = plan.Variables };
        foreach (var listener in options.Listeners)
            await listener.AfterValidationAsync(execution, validated);
        return Executed();
    }

    /// <summary>The result the provider reads its status from: executed, no errors (the direct path answers only those).</summary>
    private static ExecutionResult Executed() => new() { Executed = true };

    /// <summary>GraphQL.NET's ActivitySource (protected on the provider: a subclass reaches it), to ask whether anyone listens.</summary>
    private sealed class Source : GraphQLTelemetryProvider
    {
        private Source()
            : base(new GraphQLTelemetryOptions())
        {
        }

        public static bool Listening => ActivitySource.HasListeners();
    }
}
