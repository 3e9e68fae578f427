using ActorSync.GraphQL.Actors;
using ActorSync.GraphQL.Models;
using ActorSync.GraphQL.Security;
using GraphQL.Types;

namespace ActorSync.GraphQL.Search;

/// <summary>The <c>ActorConnection</c> type.</summary>
public sealed class ActorConnectionType : ObjectGraphType<Connection<ActorRef>>
{
    public ActorConnectionType()
    {
        Name = "ActorConnection";
        Description = "A page of actor search results (Relay cursor connection).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActorEdgeType>>>>("edges").Description("The results of this page with their cursors.").ListSize(1).Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActorType>>>>("nodes").Description("The results of this page.").ListSize(1).Resolve(ctx => ctx.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Paging information.").Resolve(ctx => ctx.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("How many results match in all, as TMDB counts them.").Resolve(ctx => ctx.Source.TotalCount);
    }
}
