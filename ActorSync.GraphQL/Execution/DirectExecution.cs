using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Security;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Instrumentation;
using GraphQL.Telemetry;
using GraphQL.Validation;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace ActorSync.GraphQL.Execution;

/// <summary>
/// The direct path, as the innermost step of GraphQL.NET's own execution pipeline (an <see cref="IConfigureExecution"/>
/// that runs after every other one, where the executor itself would run). It answers a query of a cached document from
/// the operation's <see cref="OperationPlan"/> (made once per operation) with the request's <see cref="PlanBindings"/>
/// (the values its variables give the plan's open arguments and conditions), writing the bytes GraphQL.NET would write;
/// whenever it cannot, it hands the request on to the executor, which answers as if the step were not there.
/// <para>
/// Everything outside the step sees an ordinary execution: the steps before it (telemetry's span, the option
/// configurations, the cost rules taken out for a known cost) have run, and the document listeners are told about the
/// validation and the execution. Variables not seen before are validated with the rules the executor would run (so
/// their coercion, ranges and cost are checked the same way) and the result binds the plan; a request that falls back
/// after that is executed without running those rules again.
/// </para>
/// <para>What it does not reproduce, and so never answers (the executor does):</para>
/// <list type="bullet">
/// <item>documents not yet validated once, mutations and subscriptions, introspection (<c>__schema</c>, <c>__type</c>);</item>
/// <item>any error: a resolver's error or exception, a null in a non-null field, a value of a scalar it does not write
/// (decimal, big integers, non-finite floats) or that serializes to null;</item>
/// <item>values that are not at hand (a data loader that must fetch, a resolver still running): the first one makes it give up;</item>
/// <item>document listeners other than the ones it was told reproduce nothing in the answer, and any other execution
/// step after it (<see cref="DirectExecutionSupport"/> turns it off at start, with a warning, when one is registered);</item>
/// <item>a root value, metrics (Apollo tracing), an executor timeout, and anything written to the answer's extensions;</item>
/// <item>more than <see cref="OperationPlan.MaxConditions"/> variable <c>@skip</c>/<c>@include</c> conditions, or a
/// combination of them beyond the first <see cref="OperationPlan.MaxVariants"/> an operation has used.</item>
/// </list>
/// </summary>
public sealed class DirectExecution(IDocumentValidator validator, DirectExecutionSupport support) : IConfigureExecution
{
    /// <summary>The user-context key of the request's <see cref="OperationRun"/>: set by the pipeline when the direct path may answer.</summary>
    public const string RunKey = "actorsync:operationRun";

    /// <summary>The innermost step: every other configuration (telemetry at 200 included) wraps it.</summary>
    public const float Order = 100_000;

    private long _answers;
    private long _fallbacks;

    public float SortOrder => Order;

    /// <summary>Requests the direct path answered.</summary>
    public long Answers => Interlocked.Read(ref _answers);

    /// <summary>Requests it tried and left to GraphQL.NET (a value not at hand, an error).</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (!options.UserContext.TryGetValue(RunKey, out var value) || value is not OperationRun run
            || run.Operation.Unplannable || !support.Enabled || !Reproducible(options))
            return await next(options);

        var plan = run.Operation.Plan;
        var bindings = run.Variables?.Bindings;
        if (plan is null || bindings is null)
        {
            var validated = await ValidateAsync(options, run);
            if (validated is null)
                return await next(options);
            plan ??= OperationPlan.TryCreate(options.Schema!, run.Operation.Document.Document, run.Operation.Definition, validated) is { } made
                ? run.Operation.KeepPlan(made)
                : null;
            // The rules passed: should the executor answer after all, it need not run them again.
            options.ValidationRules = [];
            if (plan is null)
            {
                run.Operation.Unplannable = true;
                return await next(options);
            }
            bindings = plan.Bind(validated);
            run.Variables?.KeepBindings(bindings);
        }

        var root = plan.Root(bindings, out var built);
        if (built)
            run.Operation.Recharge(plan);
        if (root is null)
        {
            Interlocked.Increment(ref _fallbacks);
            return await next(options);
        }
        var request = new DirectExecutor.Request(options.UserContext, options.RequestServices, options.User, options.Extensions, options.CancellationToken);
        var output = new PooledBufferWriter();
        if (DirectExecutor.TryWrite(plan, root, bindings, request, output) && await TellListenersAsync(options, plan, bindings))
        {
            Interlocked.Increment(ref _answers);
            return new DirectResult(output);
        }
        output.Dispose();
        Interlocked.Increment(ref _fallbacks);
        return await next(options);
    }

    /// <summary>
    /// What the executor would validate for these variables (the rules in the options: for a validated document, those
    /// that depend on variables, none when the cost is known), without executing; null when that reports anything (the
    /// executor then answers with the errors) or a rule throws (the executor's to answer, never a 500 here).
    /// </summary>
    private async Task<IValidationResult?> ValidateAsync(ExecutionOptions options, OperationRun run)
    {
        try
        {
            var validated = await validator.ValidateAsync(new ValidationOptions
            {
                Schema = options.Schema!,
                Document = run.Operation.Document.Document,
                Rules = options.ValidationRules,
                UserContext = options.UserContext,
                Metrics = Metrics.None,
                Variables = options.Variables ?? Inputs.Empty,
                Extensions = options.Extensions ?? Inputs.Empty,
                Operation = run.Operation.Definition,
                RequestServices = options.RequestServices,
                User = options.User,
                CancellationToken = options.CancellationToken,
            });
            if (validated.IsValid)
                return validated;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
        }
        // The executor measures the cost again (and reports it).
        options.UserContext.Remove(QueryCost.Key);
        return null;
    }

    /// <summary>Whether the request asks for nothing the step does not reproduce (see the list above).</summary>
    private bool Reproducible(ExecutionOptions options)
    {
        if (options.Root is not null || options.EnableMetrics || options.Timeout != Timeout.InfiniteTimeSpan || options.Document is null)
            return false;
        foreach (var listener in options.Listeners)
        {
            if (!support.Reproduces(listener))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Tells the document listeners what the executor would: validated, executing, executed. False (the answer is not
    /// used) when one of them wrote to the answer's extensions or errors, which the written bytes do not hold.
    /// </summary>
    private static async Task<bool> TellListenersAsync(ExecutionOptions options, OperationPlan plan, PlanBindings bindings)
    {
        if (options.Listeners.Count == 0)
            return true;
        using var context = new ExecutionContext
        {
            Schema = plan.Schema,
            Document = plan.Document,
            Operation = plan.Operation,
            Variables = bindings.Variables,
            Errors = [],
            InputExtensions = options.Extensions ?? Inputs.Empty,
            OutputExtensions = [],
            UserContext = options.UserContext,
            RequestServices = options.RequestServices,
            User = options.User,
            CancellationToken = options.CancellationToken,
            ExecutionOptions = options,
            Metrics = Metrics.None,
            Listeners = options.Listeners,
        };
        var validated = new ValidationResult { Variables = bindings.Variables };
        foreach (var listener in options.Listeners)
            await listener.AfterValidationAsync(context, validated);
        foreach (var listener in options.Listeners)
            await listener.BeforeExecutionAsync(context);
        foreach (var listener in options.Listeners)
            await listener.AfterExecutionAsync(context);
        return context.OutputExtensions.Count == 0 && context.Errors.Count == 0;
    }
}

/// <summary>What the pipeline tells the direct path about a request's operation: its record and its variables' record (null for large ones).</summary>
public sealed record OperationRun(CachedOperation Operation, VariablesRecord? Variables);

/// <summary>An answer the direct path wrote: executed, no errors, its bytes in <see cref="Body"/> (the caller disposes it).</summary>
public sealed class DirectResult : ExecutionResult, IDisposable
{
    private readonly PooledBufferWriter _output;

    internal DirectResult(PooledBufferWriter output)
    {
        _output = output;
        Executed = true;
    }

    /// <summary><c>{"data":…}</c> as GraphQL.NET's serializer writes it.</summary>
    public ReadOnlyMemory<byte> Body => _output.WrittenMemory;

    public void Dispose() => _output.Dispose();
}

/// <summary>
/// Whether the direct path can run in this service: it reproduces nothing of an unknown document listener or of an
/// execution step placed after it, so registering one turns it off (checked once, with a warning saying why).
/// </summary>
public sealed class DirectExecutionSupport(bool enabled, IReadOnlyCollection<Type> reproducedListeners, Func<IEnumerable<IConfigureExecution>> steps,
    Func<IEnumerable<IDocumentExecutionListener>> listeners, Action<string> warn)
{
    private readonly Lazy<string?> _reason = new(() => Check(enabled, reproducedListeners, steps(), listeners()));
    private int _warned;

    /// <summary>Why it is off; null when it is on.</summary>
    public string? Reason => _reason.Value;

    public bool Enabled
    {
        get
        {
            if (_reason.Value is not { } reason)
                return true;
            if (Interlocked.Exchange(ref _warned, 1) == 0 && enabled)
                warn(reason);
            return false;
        }
    }

    /// <summary>A listener whose hooks change nothing in the answer: one of those named, or the telemetry's (it only tags its span).</summary>
    public bool Reproduces(IDocumentExecutionListener listener)
    {
        var type = listener.GetType();
        return reproducedListeners.Contains(type) || (type.DeclaringType is { } owner && typeof(GraphQLTelemetryProvider).IsAssignableFrom(owner));
    }

    private static string? Check(bool enabled, IReadOnlyCollection<Type> reproduced, IEnumerable<IConfigureExecution> steps, IEnumerable<IDocumentExecutionListener> listeners)
    {
        if (!enabled)
            return "GraphQLHttp:DirectExecution is false";
        var after = steps.Where(step => step is not DirectExecution && step.SortOrder >= DirectExecution.Order).Select(step => step.GetType().Name).ToList();
        if (after.Count > 0)
            return $"execution steps run after it: {string.Join(", ", after)}";
        var unknown = listeners.Select(l => l.GetType()).Where(type => !reproduced.Contains(type)).Select(type => type.Name).Distinct().ToList();
        return unknown.Count > 0 ? $"document listeners it does not reproduce: {string.Join(", ", unknown)}" : null;
    }
}
