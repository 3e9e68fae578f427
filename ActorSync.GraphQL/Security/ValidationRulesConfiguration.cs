using ActorSync.GraphQL.Kernel;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;

namespace ActorSync.GraphQL.Security;

/// <summary>
/// The validation rules of every execution, one of three lists built once: a document not validated before runs
/// GraphQL.NET's rules and ours (argument ranges, then the cost analysis, and no introspection when it is off); a
/// document validated before (the caller passes an empty list) runs only the rules that depend on variables (ranges and
/// cost); and when the cost of these variables is known (<see cref="QueryCost.KnownKey"/>: the same operation ran with
/// them), none. A list the caller filled is kept, with our rules after it. One step instead of a step per rule that
/// resolves it and appends to a lazy sequence on every request.
/// </summary>
public sealed class ValidationRulesConfiguration : IConfigureExecution
{
    private readonly IValidationRule[] _all;
    private readonly IValidationRule[] _variableRules;

    public ValidationRulesConfiguration(ArgumentRangeRule ranges, ComplexityValidationRule cost, bool introspection)
    {
        // Ranges before cost (rules run in order): a bad argument is reported as such, not as a cost.
        _variableRules = [ranges, cost];
        _all = [.. DocumentValidator.CoreRules, .. _variableRules, .. introspection ? [] : new IValidationRule[] { NoIntrospectionValidationRule.Instance }];
    }

    /// <summary>What the caller passes for a document that passed the full validation before.</summary>
    public static readonly IValidationRule[] Validated = [];

    /// <summary>With GraphQL.NET's option configurations (100), before telemetry (200) and the direct path.</summary>
    public float SortOrder => 150;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        options.ValidationRules = options.ValidationRules switch
        {
            null => _all,
            IValidationRule[] { Length: 0 } => options.UserContext.ContainsKey(QueryCost.KnownKey) ? Validated : _variableRules,
            var given => [.. given, .. _variableRules],
        };
        return next(options);
    }
}
