using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Movies;
using ActorSync.GraphQL.Security;
using GraphQL.Types;

namespace ActorSync.GraphQL.Comparisons;

/// <summary>The <c>MovieComparison</c> type.</summary>
public sealed class MovieComparisonType : ObjectGraphType<MovieComparison>
{
    public MovieComparisonType()
    {
        Name = "MovieComparison";
        Description = "Two or more movies compared: the actors they share.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MovieType>>>>("movies").Description("The compared movies, in the order given.")
            .ListSize(3)
            .Resolve(ctx => ctx.Source.Movies.Select(m => m.Ref).ToArray());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SharedCastMemberType>>>>("sharedCast")
            .Description("Actors with an acting credit in every compared movie, most popular first.")
            .CacheAs(CacheKind.Person)
            .ListSize(10)
            // TMDB's cast entries carry each actor's popularity: ranking reads no person (fields that ask for an
            // actor's details load them later, through the data loader).
            .Resolve(ctx => ctx.Source.SharedCastUnranked()
                .OrderByDescending(m => m.Actor.Summary?.Popularity ?? 0)
                .ThenBy(m => m.Actor.Id)
                .ToArray());
    }
}
