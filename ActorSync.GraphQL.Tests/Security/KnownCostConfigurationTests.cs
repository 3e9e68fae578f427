using ActorSync.GraphQL.Security;
using GraphQL;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules;
using GraphQL.Validation.Rules.Custom;

namespace ActorSync.GraphQL.Tests.Security;

public sealed class KnownCostConfigurationTests
{
    private static async Task<IValidationRule[]> RulesAfterAsync(bool costKnown)
    {
        var options = new ExecutionOptions
        {
            ValidationRules = [new ComplexityValidationRule(new ComplexityOptions()), KnownTypeNames.Instance],
        };
        if (costKnown)
            options.UserContext[QueryCost.KnownKey] = true;
        IValidationRule[]? seen = null;
        await new KnownCostConfiguration().ExecuteAsync(options, next =>
        {
            seen = [.. next.ValidationRules!];
            return Task.FromResult(new ExecutionResult());
        });
        return seen!;
    }

    [Fact]
    public async Task With_a_known_cost_the_analysis_is_taken_out_and_the_other_rules_stay()
    {
        var rules = await RulesAfterAsync(costKnown: true);
        Assert.DoesNotContain(rules, rule => rule is ComplexityValidationRule);
        Assert.Contains(KnownTypeNames.Instance, rules);
    }

    [Fact]
    public async Task Without_a_known_cost_the_rules_are_left_alone()
    {
        var rules = await RulesAfterAsync(costKnown: false);
        Assert.Equal(2, rules.Length);
        Assert.Contains(rules, rule => rule is ComplexityValidationRule);
    }
}
