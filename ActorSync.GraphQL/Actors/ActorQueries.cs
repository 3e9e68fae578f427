using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.DataLoading;
using ActorSync.GraphQL.Kernel;
using GraphQL.Types;

namespace ActorSync.GraphQL.Actors;

/// <summary>Root fields that look actors up by TMDB id.</summary>
public static class ActorQueries
{
    public static void AddActorQueries(this ObjectGraphType query)
    {
        query.Field<ActorType>("actor")
            .Description("An actor (a TMDB person) by TMDB id; null when TMDB has no such person.")
            .Argument<NonNullGraphType<IntGraphType>>("tmdbId", "The person's TMDB id (1 to 999,999,999).")
            .CacheAs(CacheKind.Person)
            .Resolve(ctx => ctx.People().Load(ctx.TmdbId()).Then(d => d?.Ref));

        query.Field<NonNullGraphType<ListGraphType<ActorType>>>("actors")
            .Description("Actors by TMDB id, in the order given; null in place of an id TMDB does not know. At most 50 ids.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("tmdbIds", "TMDB person ids.")
            .CacheAs(CacheKind.Person)
            .Resolve(ctx => ctx.People().LoadMany(ctx.TmdbIds()).Then(list => list.Select(d => d?.Ref).ToArray()));
    }
}
