using ActorSync.GraphQL.Scalars;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Schema;

/// <summary>The served schema.</summary>
public sealed class ActorSyncSchema : global::GraphQL.Types.Schema
{
    public ActorSyncSchema(IServiceProvider services) : base(services)
    {
        Description = "ActorSync: compare actors' filmographies and movies' casts, with data from TMDB.";
        Query = services.GetRequiredService<QueryType>();
        RegisterTypeMapping(typeof(DateOnly), typeof(DateType));
        // Introspection (an IDE loading the schema) is cheap to answer: it must not count against the cost limit.
        this.WithIntrospectionComplexityImpact(0);
    }
}
