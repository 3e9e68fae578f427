using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.DataLoading;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Models;
using ActorSync.GraphQL.Relay;
using ActorSync.GraphQL.Scalars;
using ActorSync.GraphQL.Security;
using GraphQL;
using GraphQL.Types;

namespace ActorSync.GraphQL.Movies;

/// <summary>The <c>Movie</c> type.</summary>
public sealed class MovieType : ObjectGraphType<MovieRef>
{
    public MovieType(ImageUrls images)
    {
        Name = "Movie";
        Description = "A movie on TMDB, with its cast.";
        Interface<NodeInterface>();

        Field<NonNullGraphType<IdGraphType>>("id").Description("Global ID of the movie (for `node`).")
            .Resolve(ctx => GlobalId.Encode(GlobalId.Movie, ctx.Source.Id));
        Field<NonNullGraphType<IntGraphType>>("tmdbId").Description("The movie's TMDB id.")
            .Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Description("Title (in English where TMDB has one).")
            .Resolve(ctx => Known(ctx, s => s.Title));
        Field<StringGraphType>("originalTitle").Description("Title in the original language.")
            .Resolve(ctx => Known(ctx, s => Text(s.OriginalTitle)));
        Field<StringGraphType>("overview").Description("Plot overview; null when TMDB has none.")
            .Resolve(ctx => Known(ctx, s => Text(s.Overview)));
        Field<StringGraphType>("tagline").Description("Tagline; null when TMDB has none.")
            .CacheAs(CacheKind.Movie).Resolve(ctx => WithDetails(ctx, d => Text(d.Movie.Tagline)));
        Field<DateType>("releaseDate").Description("First release date; null when TMDB has none.")
            .Resolve(ctx => Known(ctx, s => s.ReleaseDate));
        Field<IntGraphType>("releaseYear").Description("Year of the release date.")
            .Resolve(ctx => Known(ctx, s => s.ReleaseDate?.Year));
        Field<IntGraphType>("runtime").Description("Running time in minutes; null when unknown (TMDB's 0).")
            .CacheAs(CacheKind.Movie).Resolve(ctx => WithDetails(ctx, d => d.Movie.Runtime is > 0 ? d.Movie.Runtime : null));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("genres").Description("Genre names, as TMDB orders them.")
            .CacheAs(CacheKind.Movie).ListSize(3).Resolve(ctx => WithDetails(ctx, d => d.Movie.Genres?.Select(g => g.Name).ToArray() ?? []));
        Field<FloatGraphType>("voteAverage").Description("Average TMDB user rating, 0 to 10.")
            .Resolve(ctx => Known(ctx, s => s.VoteAverage));
        Field<IntGraphType>("voteCount").Description("Number of TMDB user ratings.")
            .Resolve(ctx => Known(ctx, s => s.VoteCount));
        Field<FloatGraphType>("popularity").Description("TMDB popularity score; higher is more popular.")
            .Resolve(ctx => Known(ctx, s => s.Popularity));
        Field<StringGraphType>("posterUrl").Description("Absolute URL of the poster image, or null when TMDB has none.")
            .Argument<PosterImageSizeType>("size", "Image size.", a => a.DefaultValue = PosterImageSize.W342)
            .Resolve(ctx =>
            {
                var size = ctx.GetArgument("size", PosterImageSize.W342).ToString().ToLowerInvariant();
                return Known(ctx, s => images.For(s.PosterPath, size));
            });
        Field<NonNullGraphType<StringGraphType>>("tmdbUrl").Description("The movie's page on themoviedb.org.")
            .Resolve(ctx => ImageUrls.MoviePage(ctx.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CastMemberType>>>>("cast")
            .Description("Cast in billing order, one entry per actor; first limits how many are returned.")
            .Argument<IntGraphType>("first", "How many cast members (0 to 50); all when omitted.")
            .CacheAs(CacheKind.Movie)
            .ListSize(30)
            .Resolve(ctx =>
            {
                var first = ctx.First();
                return WithDetails(ctx, d => first is { } n ? d.Cast.Take(n).ToArray() : d.Cast);
            });
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Answers from the summary met with the movie where there is one, else from the details.</summary>
    private static object? Known<T>(IResolveFieldContext<MovieRef> ctx, Func<MovieSummary, T> select) =>
        ctx.Source.Known is { } known ? Boxes.Of(select(known)) : FromSummaryOfDetails(ctx, select);

    private static object? WithDetails<T>(IResolveFieldContext<MovieRef> ctx, Func<MovieDetails, T> select) =>
        ctx.Source.Details is { } details ? Boxes.Of(select(details)) : Load(ctx, select);

    // The lambdas below live in their own methods: a lambda capturing a parameter makes the compiler allocate its
    // closure when the method is entered, even on the path that never creates the lambda (the hot one here).
    private static object? FromSummaryOfDetails<T>(IResolveFieldContext<MovieRef> ctx, Func<MovieSummary, T> select) =>
        WithDetails(ctx, d => select(d.Summary));

    private static object Load<T>(IResolveFieldContext<MovieRef> ctx, Func<MovieDetails, T> select)
    {
        var id = ctx.Source.Id;
        return ctx.Movies().Load(id).Then(d => select(d ?? throw ActorSyncError.MovieNotFound(id)));
    }
}
