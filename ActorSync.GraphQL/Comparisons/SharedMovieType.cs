using ActorSync.GraphQL.Movies;
using ActorSync.GraphQL.Security;
using GraphQL.Types;

namespace ActorSync.GraphQL.Comparisons;

/// <summary>The <c>SharedMovie</c> type.</summary>
public sealed class SharedMovieType : ObjectGraphType<SharedMovie>
{
    public SharedMovieType()
    {
        Name = "SharedMovie";
        Description = "A movie every compared actor has an acting credit in.";
        Field<NonNullGraphType<MovieType>>("movie").Description("The movie.").Resolve(ctx => ctx.Source.Movie);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActorRoleType>>>>("roles")
            .Description("One role per compared actor, in the order the actors were given.").ListSize(3).Resolve(ctx => ctx.Source.Roles);
    }
}
