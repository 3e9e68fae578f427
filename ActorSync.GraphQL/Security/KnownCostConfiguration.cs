using ActorSync.GraphQL.Kernel;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation.Rules.Custom;

namespace ActorSync.GraphQL.Security;

/// <summary>
/// Takes the cost analysis out of an execution whose cost is already known (<see cref="QueryCost.KnownKey"/>: the same
/// operation of the same cached document ran with the same variables). It runs after the GraphQL builder has appended
/// the analysis to the rules, so it sees the final list. The argument ranges go too: those variables passed them when the
/// cost was measured (a cost is remembered only for an operation that validated).
/// </summary>
internal sealed class KnownCostConfiguration : IConfigureExecution
{
    /// <summary>After the builder's option configurations (100), before the rest (200).</summary>
    public float SortOrder => 150;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.UserContext.ContainsKey(QueryCost.KnownKey) && options.ValidationRules is { } rules)
            options.ValidationRules = rules.Where(rule => rule is not (ComplexityValidationRule or ArgumentRangeRule)).ToArray();
        return next(options);
    }
}
