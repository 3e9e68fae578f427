using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Movies;
using ActorSync.GraphQL.Security;
using GraphQL.Types;

namespace ActorSync.GraphQL.Comparisons;

/// <summary>The <c>ComparisonEntry</c> type.</summary>
public sealed class ComparisonEntryType : ObjectGraphType<ComparisonEntry>
{
    public ComparisonEntryType()
    {
        Name = "ComparisonEntry";
        Description = "A movie in a comparison timeline, with the compared actors who appear in it.";
        Field<NonNullGraphType<MovieType>>("movie").Description("The movie.").Resolve(ctx => ctx.Source.Movie);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActorRoleType>>>>("roles")
            .Description("Roles of the compared actors who appear in this movie, in the order the actors were given.").ListSize(3).Resolve(ctx => ctx.Source.Roles);
        Field<NonNullGraphType<BooleanGraphType>>("shared").Description("True when every compared actor appears in this movie.").Resolve(ctx => Boxes.Of(ctx.Source.Shared));
    }
}
