using ActorSync.GraphQL.Actors;
using ActorSync.GraphQL.Models;
using GraphQL.Types;

namespace ActorSync.GraphQL.Movies;

/// <summary>The <c>CastMember</c> type.</summary>
public sealed class CastMemberType : ObjectGraphType<CastEntry>
{
    public CastMemberType()
    {
        Name = "CastMember";
        Description = "An actor in a movie's cast.";
        Field<NonNullGraphType<ActorType>>("actor").Description("The actor.").Resolve(ctx => ctx.Source.Actor);
        Field<StringGraphType>("character").Description("The character(s) played, joined with \" / \"; null when TMDB names none.").Resolve(ctx => ctx.Source.Character);
        Field<NonNullGraphType<IntGraphType>>("order").Description("Billing order (0 = top billed).").Resolve(ctx => ctx.Source.Order);
    }
}
