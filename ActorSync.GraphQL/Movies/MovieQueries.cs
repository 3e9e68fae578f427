using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.DataLoading;
using ActorSync.GraphQL.Kernel;
using GraphQL.Types;

namespace ActorSync.GraphQL.Movies;

/// <summary>Root fields that look movies up by TMDB id.</summary>
public static class MovieQueries
{
    public static void AddMovieQueries(this ObjectGraphType query)
    {
        query.Field<MovieType>("movie")
            .Description("A movie by TMDB id; null when TMDB has no such movie.")
            .Argument<NonNullGraphType<IntGraphType>>("tmdbId", "The movie's TMDB id (1 to 999,999,999).")
            .CacheAs(CacheKind.Movie)
            .Resolve(ctx => ctx.Movies().Load(ctx.TmdbId()).Then(d => d?.Ref));

        query.Field<NonNullGraphType<ListGraphType<MovieType>>>("movies")
            .Description("Movies by TMDB id, in the order given; null in place of an id TMDB does not know. At most 50 ids.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("tmdbIds", "TMDB movie ids.")
            .CacheAs(CacheKind.Movie)
            .Resolve(ctx => ctx.Movies().LoadMany(ctx.TmdbIds()).Then(list => list.Select(d => d?.Ref).ToArray()));
    }
}
