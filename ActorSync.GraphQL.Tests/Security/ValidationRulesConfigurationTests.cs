using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Security;
using GraphQL;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules;
using GraphQL.Validation.Rules.Custom;

namespace ActorSync.GraphQL.Tests.Security;

public sealed class ValidationRulesConfigurationTests
{
    private static readonly ArgumentRangeRule Ranges = new();
    private static readonly ComplexityValidationRule Cost = new(new ComplexityOptions());

    private static async Task<IValidationRule[]> RulesAsync(IValidationRule[]? given, bool costKnown = false, bool introspection = true)
    {
        var options = new ExecutionOptions { ValidationRules = given };
        if (costKnown)
            options.UserContext[QueryCost.KnownKey] = true;
        IValidationRule[]? seen = null;
        await new ValidationRulesConfiguration(Ranges, Cost, introspection).ExecuteAsync(options, next =>
        {
            seen = [.. next.ValidationRules!];
            return Task.FromResult(new ExecutionResult());
        });
        return seen!;
    }

    [Fact]
    public async Task A_new_document_runs_GraphQL_NETs_rules_then_the_ranges_then_the_cost()
    {
        var rules = await RulesAsync(null);
        Assert.Equal([.. DocumentValidator.CoreRules, Ranges, Cost], rules);
        Assert.DoesNotContain(rules, rule => rule is NoIntrospectionValidationRule);
    }

    [Fact]
    public async Task With_introspection_off_a_new_document_is_also_checked_for_it()
    {
        Assert.Contains(await RulesAsync(null, introspection: false), rule => rule is NoIntrospectionValidationRule);
    }

    [Fact]
    public async Task A_validated_document_runs_only_the_rules_that_depend_on_variables_and_none_once_its_cost_is_known()
    {
        Assert.Equal([Ranges, Cost], await RulesAsync(ValidationRulesConfiguration.Validated));
        Assert.Empty(await RulesAsync(ValidationRulesConfiguration.Validated, costKnown: true));
    }

    [Fact]
    public async Task A_list_the_caller_filled_is_kept_with_our_rules_after_it()
    {
        Assert.Equal([KnownTypeNames.Instance, Ranges, Cost], await RulesAsync([KnownTypeNames.Instance], costKnown: true));
    }
}
