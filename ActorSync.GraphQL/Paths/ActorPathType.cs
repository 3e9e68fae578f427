using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Security;
using GraphQL.Types;

namespace ActorSync.GraphQL.Paths;

/// <summary>The <c>ActorPath</c> type.</summary>
public sealed class ActorPathType : ObjectGraphType<ActorPath>
{
    public ActorPathType()
    {
        Name = "ActorPath";
        Description = "A shortest chain of actors linked by movies they acted in together.";
        Field<NonNullGraphType<IntGraphType>>("degrees")
            .Description("Degrees of separation: the number of steps (0 when both ends are the same actor).")
            .Resolve(ctx => ctx.Source.Degrees);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PathStepType>>>>("steps")
            .Description("The steps from the first actor to the last: each step's `to` is the next step's `from`.")
            .ListSize(ArgumentRules.MaxPathDepth)
            .Resolve(ctx => ctx.Source.Steps);
    }
}
