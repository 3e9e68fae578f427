using ActorSync.GraphQL.Actors;
using GraphQL.Types;

namespace ActorSync.GraphQL.Comparisons;

/// <summary>The <c>ActorRole</c> type.</summary>
public sealed class ActorRoleType : ObjectGraphType<ActorRole>
{
    public ActorRoleType()
    {
        Name = "ActorRole";
        Description = "The role a compared actor plays in a movie.";
        Field<NonNullGraphType<ActorType>>("actor").Description("The actor.").Resolve(ctx => ctx.Source.Actor);
        Field<StringGraphType>("character").Description("The character(s) played, joined with \" / \"; null when TMDB names none.").Resolve(ctx => ctx.Source.Character);
    }
}
