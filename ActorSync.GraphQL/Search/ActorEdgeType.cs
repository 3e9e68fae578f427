using ActorSync.GraphQL.Actors;
using ActorSync.GraphQL.Models;
using GraphQL.Types;

namespace ActorSync.GraphQL.Search;

/// <summary>The <c>ActorEdge</c> type.</summary>
public sealed class ActorEdgeType : ObjectGraphType<Edge<ActorRef>>
{
    public ActorEdgeType()
    {
        Name = "ActorEdge";
        Description = "A actor in a search result, with its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Opaque position of this edge; pass it as `after` to continue after it.").Resolve(ctx => ctx.Source.Cursor);
        Field<NonNullGraphType<ActorType>>("node").Description("The actor.").Resolve(ctx => ctx.Source.Node);
    }
}
