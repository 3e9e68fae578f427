using ActorSync.GraphQL.Actors;
using ActorSync.GraphQL.DataLoading;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Http;
using ActorSync.GraphQL.Movies;
using GraphQL;
using GraphQL.Execution;

namespace ActorSync.GraphQL.Schema;

public static class GraphQLServiceCollectionExtensions
{
    /// <summary>The schema, its executer and serializer, the request-scoped data loaders and the HTTP endpoint.</summary>
    public static IServiceCollection AddActorSyncGraphQL(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<DataLoaderOptions>(configuration.GetSection("DataLoaders"));
        services.Configure<GraphQLHttpOptions>(configuration.GetSection("GraphQLHttp"));
        services.AddSingleton<ImageUrls>();
        services.AddScoped<PersonLoader>();
        services.AddScoped<MovieLoader>();
        services.AddSingleton<GraphQLRequestReader>();
        services.AddSingleton<GraphQLEndpoint>();

        services.AddGraphQL(graphql => graphql
            .AddSchema<ActorSyncSchema>()
            .AddGraphTypes(typeof(ActorSyncSchema).Assembly)
            .AddSystemTextJson()
            .AddErrorInfoProvider(new ActorSyncErrorInfoProvider(exposeExceptionDetails: environment.IsDevelopment()))
            .AddExecutionStrategy<ParallelExecutionStrategy>(GraphQLParser.AST.OperationType.Query));
        return services;
    }

    public static IEndpointRouteBuilder MapActorSyncGraphQL(this IEndpointRouteBuilder endpoints, string path = "/graphql")
    {
        endpoints.Map(path, context => context.RequestServices.GetRequiredService<GraphQLEndpoint>().HandleAsync(context));
        return endpoints;
    }
}
