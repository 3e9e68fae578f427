using ActorSync.GraphQL.Schema;
using GraphQL;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>What GraphQL.NET's complexity analysis makes of a query against the served schema, with its default settings.</summary>
public static class QueryCost
{
    public static async Task<double> OfAsync(IServiceProvider services, string query)
    {
        double? measured = null;
        var rule = new ComplexityValidationRule(new ComplexityOptions
        {
            ValidateComplexityDelegate = context =>
            {
                measured = context.TotalImpact;
                // Measuring is all this is for: stop before anything executes.
                context.Error = new ValidationError("measured");
                return Task.CompletedTask;
            },
        });
        var executer = services.GetRequiredService<IDocumentExecuter>();
        await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = services.GetRequiredService<ActorSyncSchema>(),
            Query = query,
            ValidationRules = DocumentValidator.CoreRules.Append(rule),
            RequestServices = services,
        });
        return measured ?? throw new InvalidOperationException($"The complexity rule did not run for: {query}");
    }
}
