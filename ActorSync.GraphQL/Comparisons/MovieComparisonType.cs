using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Movies;
using ActorSync.GraphQL.Schema;
using ActorSync.GraphQL.Security;
using GraphQL;
using GraphQL.Types;

namespace ActorSync.GraphQL.Comparisons;

/// <summary>The <c>MovieComparison</c> type.</summary>
public sealed class MovieComparisonType : ObjectGraphType<MovieComparison>
{
    public MovieComparisonType()
    {
        Name = "MovieComparison";
        Description = "Two or more movies compared: the actors they share.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MovieType>>>>("movies").Description("The compared movies, in the order given.")
            .ListSize(3)
            .Resolve(ctx => ctx.Source.Movies.Select(m => m.Ref).ToArray());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SharedCastMemberType>>>>("sharedCast")
            .Description("Actors with an acting credit in every compared movie, most popular first.")
            .CacheAs(CacheKind.Person)
            .ListSize(10)
            .ResolveAsync(async ctx =>
            {
                var shared = ctx.Source.SharedCastUnranked();
                // Ranking needs each actor's popularity: one batch of person look-ups, which later fields reuse.
                var details = await ctx.People().LoadMany(shared.Select(s => s.Actor.Id)).GetResultAsync(ctx.CancellationToken);
                return shared
                    .Select((member, i) => details[i] is { } d ? member with { Actor = member.Actor with { Details = d } } : member)
                    .OrderByDescending(m => m.Actor.Details?.Person.Popularity ?? m.Actor.Summary?.Popularity ?? 0)
                    .ThenBy(m => m.Actor.Id)
                    .ToArray();
            });
    }
}
