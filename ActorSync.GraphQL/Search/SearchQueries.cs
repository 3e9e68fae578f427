using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Models;
using ActorSync.Tmdb;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Search;

/// <summary>Root fields that search TMDB by name or title.</summary>
public static class SearchQueries
{
    private const int DefaultFirst = 10;

    public static void AddSearchQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ActorConnectionType>>("searchActors")
            .Description("People whose name matches the query, most popular first (autocomplete).")
            .Argument<NonNullGraphType<StringGraphType>>("query", "Name or part of it (1 to 100 characters once trimmed).")
            .Argument<IntGraphType>("first", "How many results (0 to 50).", a => a.DefaultValue = DefaultFirst)
            .Argument<StringGraphType>("after", "Return results after this cursor.")
            .CacheAs(CacheKind.Search)
            .ResolveAsync(async ctx =>
            {
                var (text, first, after, tmdb) = Read(ctx);
                return await SearchPager.PageAsync(
                    (page, ct) => tmdb.SearchPeopleAsync(text, page, ct), first, after,
                    r => new ActorRef(r.Id, new ActorSummary(r.Name, r.Gender, r.ProfilePath, r.KnownForDepartment, r.Popularity)),
                    ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<MovieConnectionType>>("searchMovies")
            .Description("Movies whose title matches the query, most popular first.")
            .Argument<NonNullGraphType<StringGraphType>>("query", "Title or part of it (1 to 100 characters once trimmed).")
            .Argument<IntGraphType>("first", "How many results (0 to 50).", a => a.DefaultValue = DefaultFirst)
            .Argument<StringGraphType>("after", "Return results after this cursor.")
            .CacheAs(CacheKind.Search)
            .ResolveAsync(async ctx =>
            {
                var (text, first, after, tmdb) = Read(ctx);
                return await SearchPager.PageAsync(
                    (page, ct) => tmdb.SearchMoviesAsync(text, page, ct), first, after,
                    r => new MovieRef(r.Id, MovieSummary.From(r)),
                    ctx.CancellationToken);
            });
    }

    private static (string Text, int First, string? After, ITmdbClient Tmdb) Read(IResolveFieldContext ctx) =>
        (ctx.SearchQuery(), ctx.First() ?? DefaultFirst, ctx.GetArgument<string?>("after"), ctx.RequestServices!.GetRequiredService<ITmdbClient>());
}
