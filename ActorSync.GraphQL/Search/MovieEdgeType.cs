using ActorSync.GraphQL.Models;
using ActorSync.GraphQL.Movies;
using GraphQL.Types;

namespace ActorSync.GraphQL.Search;

/// <summary>The <c>MovieEdge</c> type.</summary>
public sealed class MovieEdgeType : ObjectGraphType<Edge<MovieRef>>
{
    public MovieEdgeType()
    {
        Name = "MovieEdge";
        Description = "A movie in a search result, with its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Opaque position of this edge; pass it as `after` to continue after it.").Resolve(ctx => ctx.Source.Cursor);
        Field<NonNullGraphType<MovieType>>("node").Description("The movie.").Resolve(ctx => ctx.Source.Node);
    }
}
