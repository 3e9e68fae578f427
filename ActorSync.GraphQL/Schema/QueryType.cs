using ActorSync.GraphQL.Actors;
using ActorSync.GraphQL.Comparisons;
using ActorSync.GraphQL.Movies;
using ActorSync.GraphQL.Paths;
using ActorSync.GraphQL.Relay;
using ActorSync.GraphQL.Search;
using ActorSync.GraphQL.Security;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Schema;

/// <summary>The <c>Query</c> root: each feature folder adds its own fields.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType(IOptions<PathSearchOptions> paths, IOptions<QueryLimitsOptions> limits)
    {
        Name = "Query";
        Description = "Look up, search and compare actors and movies from TMDB, and link actors through movies.";
        this.AddNodeQueries();
        this.AddActorQueries();
        this.AddMovieQueries();
        this.AddSearchQueries();
        this.AddComparisonQueries();
        this.AddPathQueries(PathQueries.ImpactFor(paths.Value.MaxResources, limits.Value.TmdbFieldCost));
    }
}
