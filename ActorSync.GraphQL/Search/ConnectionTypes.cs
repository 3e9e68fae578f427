using ActorSync.GraphQL.Actors;
using ActorSync.GraphQL.Models;
using ActorSync.GraphQL.Movies;
using ActorSync.GraphQL.Security;
using GraphQL.Types;

namespace ActorSync.GraphQL.Search;

/// <summary>
/// A Relay cursor connection of <typeparamref name="TNode"/> results shown as <typeparamref name="TNodeType"/>: one
/// definition for every searchable kind; <paramref name="noun"/> names the kind (<c>actor</c> gives <c>ActorConnection</c>).
/// </summary>
public abstract class ConnectionType<TNodeType, TEdgeType, TNode> : ObjectGraphType<Connection<TNode>>
    where TNodeType : IGraphType
    where TEdgeType : IGraphType
{
    protected ConnectionType(string noun)
    {
        Name = Capitalized(noun) + "Connection";
        Description = $"A page of {noun} search results (Relay cursor connection).";
        // Each edge and node weighs once: the connection field's `first` sizes the page (CostModel).
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdgeType>>>>("edges").Description("The results of this page with their cursors.").ListSize(1).Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Description("The results of this page.").ListSize(1).Resolve(ctx => ctx.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Paging information.").Resolve(ctx => ctx.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("How many results match in all, as TMDB counts them.").Resolve(ctx => ctx.Source.TotalCount);
    }

    internal static string Capitalized(string noun) => char.ToUpperInvariant(noun[0]) + noun[1..];
}

/// <summary>An edge of a <see cref="ConnectionType{TNodeType, TEdgeType, TNode}"/>: a result with its cursor.</summary>
public abstract class EdgeType<TNodeType, TNode> : ObjectGraphType<Edge<TNode>>
    where TNodeType : IGraphType
{
    protected EdgeType(string noun)
    {
        Name = ConnectionType<TNodeType, TNodeType, TNode>.Capitalized(noun) + "Edge";
        Description = $"A {noun} in a search result, with its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Opaque position of this edge; pass it as `after` to continue after it.").Resolve(ctx => ctx.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Description($"The {noun}.").Resolve(ctx => ctx.Source.Node);
    }
}

/// <summary>The <c>ActorConnection</c> type.</summary>
public sealed class ActorConnectionType() : ConnectionType<ActorType, ActorEdgeType, ActorRef>("actor");

/// <summary>The <c>ActorEdge</c> type.</summary>
public sealed class ActorEdgeType() : EdgeType<ActorType, ActorRef>("actor");

/// <summary>The <c>MovieConnection</c> type.</summary>
public sealed class MovieConnectionType() : ConnectionType<MovieType, MovieEdgeType, MovieRef>("movie");

/// <summary>The <c>MovieEdge</c> type.</summary>
public sealed class MovieEdgeType() : EdgeType<MovieType, MovieRef>("movie");
