using ActorSync.GraphQL.Actors;
using ActorSync.GraphQL.Security;
using GraphQL.Types;

namespace ActorSync.GraphQL.Comparisons;

/// <summary>The <c>ActorComparison</c> type.</summary>
public sealed class ActorComparisonType : ObjectGraphType<ActorComparison>
{
    public ActorComparisonType()
    {
        Name = "ActorComparison";
        Description = "Two or more actors compared: the movies they share and their careers side by side.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActorType>>>>("actors").Description("The compared actors, in the order given.")
            .ListSize(3)
            .Resolve(ctx => ctx.Source.Actors.Select(a => a.Ref).ToArray());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SharedMovieType>>>>("sharedMovies")
            .Description("Movies in which every compared actor has an acting credit: newest release first, undated last.")
            .ListSize(10)
            .Resolve(ctx => ctx.Source.SharedMovies);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ComparisonYearType>>>>("timeline")
            .Description("Every dated acting credit of the compared actors, grouped by release year: newest year first.")
            .ListSize(40)
            .Resolve(ctx => ctx.Source.Timeline);
    }
}
