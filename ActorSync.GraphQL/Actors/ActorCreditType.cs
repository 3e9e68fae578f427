using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Models;
using ActorSync.GraphQL.Movies;
using GraphQL.Types;

namespace ActorSync.GraphQL.Actors;

/// <summary>The <c>ActorCredit</c> type.</summary>
public sealed class ActorCreditType : ObjectGraphType<ActorCredit>
{
    public ActorCreditType()
    {
        Name = "ActorCredit";
        Description = "An acting credit: one per movie, several roles in one movie joined with \" / \".";
        Field<NonNullGraphType<MovieType>>("movie").Description("The movie.").Resolve(ctx => ctx.Source.Movie);
        Field<StringGraphType>("character").Description("The character(s) played; null when TMDB names none.").Resolve(ctx => ctx.Source.Character);
        Field<IntGraphType>("order").Description("Billing order in the movie's cast (0 = top billed).").Resolve(ctx => Boxes.Of(ctx.Source.Order));
    }
}
