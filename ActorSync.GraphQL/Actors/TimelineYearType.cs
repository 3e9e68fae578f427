using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Models;
using ActorSync.GraphQL.Security;
using GraphQL.Types;

namespace ActorSync.GraphQL.Actors;

/// <summary>The <c>TimelineYear</c> type.</summary>
public sealed class TimelineYearType : ObjectGraphType<TimelineYear>
{
    public TimelineYearType()
    {
        Name = "TimelineYear";
        Description = "One release year of an actor's career.";
        Field<NonNullGraphType<IntGraphType>>("year").Description("The release year.").Resolve(ctx => Boxes.Of(ctx.Source.Year));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActorCreditType>>>>("credits")
            .Description("Credits released that year, earliest release first.").ListSize(3).Resolve(ctx => ctx.Source.Credits);
    }
}
