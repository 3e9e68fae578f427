using ActorSync.GraphQL.DataLoading;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Execution;
using ActorSync.GraphQL.Http;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Paths;
using ActorSync.GraphQL.Persisted;
using ActorSync.GraphQL.Pipeline;
using ActorSync.GraphQL.Schema;
using ActorSync.GraphQL.Security;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Http;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Composition;

public static class GraphQLServiceCollectionExtensions
{
    /// <summary>The schema, its executer and serializer, the request-scoped data loaders and the HTTP endpoint.</summary>
    public static IServiceCollection AddActorSyncGraphQL(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // The options themselves are bound and checked with every section (Composition/SettingsSections).
        services.AddSingleton<OperationRateLimiter>();
        services.AddSingleton<RateLimitStage>();
        services.AddSingleton<PreparationStage>();
        var introspection = SettingsSections.QueryLimits.Read(configuration).Introspection;
        services.AddSingleton<ImageUrls>();
        services.AddScoped<PersonLoader>();
        services.AddScoped<MovieLoader>();
        services.AddSingleton<PathFinder>();
        services.AddSingleton<GraphQLRequestReader>();
        services.AddSingleton<PersistedOperations>();
        // One byte budget for every cache that grows with what clients send (documents, bodies' values, APQ in memory).
        services.AddSingleton(provider => new RequestCacheBudget(Math.Max(0, provider.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value.RequestCacheBudgetMb) * 1024L * 1024));
        services.AddSingleton(provider => new OperationCache(provider.GetRequiredService<RequestCacheBudget>(),
            provider.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value.MaxRememberedVariablesBytes));
        services.AddSingleton<ResultCacheStage>();
        services.AddSingleton<ExecutionStage>();
        services.AddSingleton<RequestPipeline>();
        services.AddSingleton<GraphQLEndpoint>();
        services.AddSingleton<DirectExecution>();
        services.AddSingleton<ArgumentRangeRule>();
        services.AddSingleton(provider =>
        {
            var limits = provider.GetRequiredService<IOptions<QueryLimitsOptions>>().Value;
            return new ComplexityValidationRule(new ComplexityOptions
            {
                // The limits are checked in the delegate, so the error carries our code and the figures.
                MaxComplexity = null,
                MaxDepth = null,
                DefaultComplexityImpactDelegate = context => CostModel.Impact(context, limits),
                ValidateComplexityDelegate = context => CheckCost(context, limits),
            });
        });
        // The direct path reproduces these listeners (they change nothing in the answer it writes); any other turns it off.
        services.AddSingleton(provider => new DirectExecutionSupport(
            provider.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value.DirectExecution,
            [typeof(FiguresDocumentListener)],
            () => provider.GetServices<IConfigureExecution>(),
            () => provider.GetServices<IDocumentExecutionListener>(),
            reason => provider.GetRequiredService<ILogger<DirectExecution>>().LogWarning("The direct execution path is off: {Reason}", reason)));
        // Request lines up to 512 KiB, so a long GET reaches the endpoint and gets its own answer.
        services.AddTransient<IConfigureOptions<KestrelServerOptions>, KestrelLimits>();

        services.AddGraphQL(graphql =>
        {
            graphql
            .AddSchema<ActorSyncSchema>()
            .AddGraphTypes(typeof(ActorSyncSchema).Assembly)
            .AddSystemTextJson()
            .AddErrorInfoProvider(new ActorSyncErrorInfoProvider(exposeExceptionDetails: environment.IsDevelopment()))
            .AddExecutionStrategy<ParallelExecutionStrategy>(GraphQLParser.AST.OperationType.Query)
            ;
            // Every execution's validation rules (ours included), chosen from three lists built once.
            graphql.ConfigureExecution(provider => new ValidationRulesConfiguration(provider.GetRequiredService<ArgumentRangeRule>(),
                provider.GetRequiredService<ComplexityValidationRule>(), introspection));
            // The innermost step of every execution (see Execution/DirectExecution).
            graphql.ConfigureExecution(provider => provider.GetRequiredService<DirectExecution>());
        });
        return services;
    }

    private static Task CheckCost(ComplexityValidationContext context, QueryLimitsOptions limits)
    {
        var cost = new QueryCost(context.TotalImpact, limits.MaxCost, context.MaxDepth, limits.MaxDepth);
        var userContext = context.ValidationContext.UserContext;
        userContext[QueryCost.Key] = cost;
        if (cost.Cost > limits.MaxCost)
        {
            context.Error = new ActorSyncValidationError(ErrorCodes.QueryTooComplex,
                $"The operation's estimated cost is {cost.Cost:0.##}; the limit is {limits.MaxCost:0.##}. Ask for fewer items (first), fewer ids or fewer nested lists.",
                new Dictionary<string, object?> { ["cost"] = Math.Round(cost.Cost, 2), ["limit"] = limits.MaxCost });
        }
        else if (cost.Depth > limits.MaxDepth)
        {
            context.Error = new ActorSyncValidationError(ErrorCodes.QueryTooComplex,
                $"The operation nests {cost.Depth} levels deep; the limit is {limits.MaxDepth}.",
                new Dictionary<string, object?> { ["depth"] = cost.Depth, ["limit"] = limits.MaxDepth });
        }
        else if (userContext.ContainsKey(QueryCost.ValidateOnlyKey))
        {
            context.Error = new CostValidatedOnly();
        }
        else
        {
            // The operation will run: its TMDB calls are held to what its cost covers (live mode; see TmdbRequestShare).
            TmdbRequestShare.Current?.AllowCalls(cost.TmdbCalls(limits));
        }
        return Task.CompletedTask;
    }

    public static IEndpointRouteBuilder MapActorSyncGraphQL(this IEndpointRouteBuilder endpoints, string path = "/graphql")
    {
        // A singleton, taken from the root provider on the first request (the schema is built then, not at start-up)
        // rather than through each request's scope.
        var provider = endpoints.ServiceProvider;
        GraphQLEndpoint? endpoint = null;
        if (provider.GetRequiredService<IOptions<TmdbOptions>>().Value.EffectiveMode != TmdbMode.Live)
        {
            endpoints.Map(path, context => (endpoint ??= provider.GetRequiredService<GraphQLEndpoint>()).HandleAsync(context));
            return endpoints;
        }
        endpoints.Map(path, async context =>
        {
            // Every TMDB call of this request queues behind the request's own fair share (see TmdbRequestShare).
            TmdbRequestShare.Begin();
            await (endpoint ??= provider.GetRequiredService<GraphQLEndpoint>()).HandleAsync(context);
        });
        return endpoints;
    }
}
