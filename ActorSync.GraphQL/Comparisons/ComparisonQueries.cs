using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Kernel;
using GraphQL.Types;

namespace ActorSync.GraphQL.Comparisons;

/// <summary>Root fields that compare actors or movies.</summary>
public static class ComparisonQueries
{
    public static void AddComparisonQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ActorComparisonType>>("compareActors")
            .Description("Compares the filmographies of 2 to 10 actors.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("tmdbIds", "2 to 10 distinct TMDB person ids, in the order results list them.")
            .CacheAs(CacheKind.Person)
            .ResolveAsync(async ctx =>
            {
                var ids = ctx.ComparedIds();
                var actors = await ctx.People().LoadMany(ids).GetResultAsync(ctx.CancellationToken);
                ReportMissing(ids, actors, ActorSyncError.ActorNotFound);
                return new ActorComparison(actors.Select(a => a!).ToArray());
            });

        query.Field<NonNullGraphType<MovieComparisonType>>("compareMovies")
            .Description("Compares the casts of 2 to 10 movies.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("tmdbIds", "2 to 10 distinct TMDB movie ids, in the order results list them.")
            .CacheAs(CacheKind.Movie)
            .ResolveAsync(async ctx =>
            {
                var ids = ctx.ComparedIds();
                var movies = await ctx.Movies().LoadMany(ids).GetResultAsync(ctx.CancellationToken);
                ReportMissing(ids, movies, ActorSyncError.MovieNotFound);
                return new MovieComparison(movies.Select(m => m!).ToArray());
            });
    }

    /// <summary>Unknown ids fail the comparison with one error naming them all (<c>tmdbId</c> is the first).</summary>
    private static void ReportMissing<T>(IReadOnlyList<int> ids, IReadOnlyList<T?> found, Func<IReadOnlyList<int>, ActorSyncError> notFound)
    {
        var missing = ids.Where((_, i) => found[i] is null).ToArray();
        if (missing.Length > 0)
            throw notFound(missing);
    }
}
