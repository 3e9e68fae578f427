using ActorSync.GraphQL.Actors;
using ActorSync.GraphQL.Movies;
using GraphQL.Types;

namespace ActorSync.GraphQL.Paths;

/// <summary>The <c>PathStep</c> type.</summary>
public sealed class PathStepType : ObjectGraphType<PathStep>
{
    public PathStepType()
    {
        Name = "PathStep";
        Description = "One step of an actor path: two actors who acted in the same movie.";
        Field<NonNullGraphType<ActorType>>("from").Description("The actor this step starts from.").Resolve(ctx => ctx.Source.From);
        Field<NonNullGraphType<MovieType>>("movie").Description("A movie both actors acted in.").Resolve(ctx => ctx.Source.Movie);
        Field<NonNullGraphType<ActorType>>("to").Description("The actor this step leads to.").Resolve(ctx => ctx.Source.To);
    }
}
