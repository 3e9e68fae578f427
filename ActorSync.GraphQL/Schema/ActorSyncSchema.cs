using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Scalars;
using ActorSync.GraphQL.Security;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Schema;

/// <summary>The served schema.</summary>
public sealed class ActorSyncSchema : global::GraphQL.Types.Schema
{
    public ActorSyncSchema(IServiceProvider services) : base(services)
    {
        Description = "ActorSync: compare actors' filmographies and movies' casts, with data from TMDB.";
        Query = services.GetRequiredService<QueryType>();
        RegisterTypeMapping(typeof(DateOnly), typeof(DateType));
        // The cost model and the cache hints, published in the SDL as the IBM cost directives and Apollo's cache hints.
        Directives.Register(new CostDirective(), new ListSizeDirective(), new CacheControlDirective());
        RegisterVisitor(new SchemaDirectivesVisitor(
            services.GetRequiredService<IOptions<QueryLimitsOptions>>().Value,
            services.GetRequiredService<IOptions<CacheOptions>>().Value));
        // Introspection (an IDE loading the schema) is cheap to answer: it must not count against the cost limit.
        // (Reading the meta fields initializes the schema: this comes last.)
        this.WithIntrospectionComplexityImpact(0);
    }
}
