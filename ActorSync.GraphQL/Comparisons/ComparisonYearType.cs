using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Security;
using GraphQL.Types;

namespace ActorSync.GraphQL.Comparisons;

/// <summary>The <c>ComparisonYear</c> type.</summary>
public sealed class ComparisonYearType : ObjectGraphType<ComparisonYear>
{
    public ComparisonYearType()
    {
        Name = "ComparisonYear";
        Description = "One release year of the compared actors' careers.";
        Field<NonNullGraphType<IntGraphType>>("year").Description("The release year.").Resolve(ctx => Boxes.Of(ctx.Source.Year));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ComparisonEntryType>>>>("entries")
            .Description("Movies released that year, earliest release first.").ListSize(5).Resolve(ctx => ctx.Source.Entries);
    }
}
