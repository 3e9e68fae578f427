using ActorSync.GraphQL.Movies;
using ActorSync.GraphQL.Security;
using GraphQL.Types;

namespace ActorSync.GraphQL.Actors;

/// <summary>The <c>Collaboration</c> type.</summary>
public sealed class CollaborationType : ObjectGraphType<Collaboration>
{
    public CollaborationType()
    {
        Name = "Collaboration";
        Description = "A co-star of an actor and the movies they acted in together.";
        Field<NonNullGraphType<ActorType>>("actor").Description("The co-star.").Resolve(ctx => ctx.Source.Actor);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MovieType>>>>("movies")
            .Description("The movies both acted in: newest release first, undated last.")
            .ListSize(5) // co-stars rarely share more than a handful of movies
            .Resolve(ctx => ctx.Source.Movies);
        Field<NonNullGraphType<IntGraphType>>("count").Description("How many movies both acted in.").Resolve(ctx => ctx.Source.Count);
    }
}
