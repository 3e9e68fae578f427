using ActorSync.GraphQL.Movies;
using GraphQL.Types;

namespace ActorSync.GraphQL.Comparisons;

/// <summary>The <c>MovieRole</c> type.</summary>
public sealed class MovieRoleType : ObjectGraphType<MovieRole>
{
    public MovieRoleType()
    {
        Name = "MovieRole";
        Description = "The role an actor plays in one of the compared movies.";
        Field<NonNullGraphType<MovieType>>("movie").Description("The movie.").Resolve(ctx => ctx.Source.Movie);
        Field<StringGraphType>("character").Description("The character(s) played, joined with \" / \"; null when TMDB names none.").Resolve(ctx => ctx.Source.Character);
    }
}
