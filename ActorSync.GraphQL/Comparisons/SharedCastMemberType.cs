using ActorSync.GraphQL.Actors;
using ActorSync.GraphQL.Security;
using GraphQL.Types;

namespace ActorSync.GraphQL.Comparisons;

/// <summary>The <c>SharedCastMember</c> type.</summary>
public sealed class SharedCastMemberType : ObjectGraphType<SharedCastMember>
{
    public SharedCastMemberType()
    {
        Name = "SharedCastMember";
        Description = "An actor with an acting credit in every compared movie.";
        Field<NonNullGraphType<ActorType>>("actor").Description("The actor.").Resolve(ctx => ctx.Source.Actor);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MovieRoleType>>>>("roles")
            .Description("One role per compared movie, in the order the movies were given.").ListSize(3).Resolve(ctx => ctx.Source.Roles);
    }
}
