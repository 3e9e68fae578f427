using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Security;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Paths;

/// <summary>Root fields that link actors through the movies they made together.</summary>
public static class PathQueries
{
    /// <summary>
    /// A live search may read up to its budget of people and movies (300 by default), each of which the cost model
    /// prices at 10 as a TMDB-backed field: so a search weighs like 300 look-ups, and a handful fill the cost limit.
    /// This is the weight at the default budget and field cost; <see cref="ImpactFor"/> follows the settings.
    /// </summary>
    public const double ActorPathImpact = 3000;

    /// <summary>What a search weighs: its live budget (<c>PathSearch:MaxResources</c>) at the cost of one TMDB field, so its cost covers every call it may make.</summary>
    public static double ImpactFor(int liveBudget, double tmdbFieldCost) => liveBudget * tmdbFieldCost;

    public static void AddPathQueries(this ObjectGraphType query, double impact = ActorPathImpact)
    {
        query.Field<ActorPathType>("actorPath")
            .Description(
                "The shortest chain of actors linking two actors through movies they acted in together (six degrees of Kevin Bacon); " +
                "null when there is none within maxDepth steps. Among equally short chains, the one whose sequence of " +
                "(movie tmdbId, actor tmdbId) pairs, read from `from` to `to`, is smallest: the smallest first movie id, " +
                "then the smallest next actor id, and so on. A search reads at most a set number of TMDB people and movies " +
                "(PATH_SEARCH_LIMIT beyond it).")
            .Argument<NonNullGraphType<IntGraphType>>("fromTmdbId", "TMDB id of the actor the chain starts from (1 to 999,999,999).")
            .Argument<NonNullGraphType<IntGraphType>>("toTmdbId", "TMDB id of the actor the chain ends at (1 to 999,999,999).")
            .Argument<IntGraphType>("maxDepth", "The most steps a chain may have (1 to 6).", a => a.DefaultValue = ArgumentRules.DefaultPathDepth)
            // Movies are part of the answer and stay fresh the shortest time.
            .CacheAs(CacheKind.Movie)
            .ResolveAsync(async ctx =>
            {
                var from = ctx.TmdbId("fromTmdbId");
                var to = ctx.TmdbId("toTmdbId");
                var maxDepth = ctx.PathDepth();
                var finder = ctx.RequestServices!.GetRequiredService<PathFinder>();
                var result = await finder.FindAsync(ctx.People(), ctx.Movies(), from, to, maxDepth, ctx.CancellationToken);
                return result.Path;
            })
            .FieldType.Weighs(impact);
    }
}
