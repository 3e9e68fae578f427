using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.DataLoading;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Models;
using ActorSync.GraphQL.Movies;
using ActorSync.GraphQL.Relay;
using ActorSync.GraphQL.Scalars;
using ActorSync.GraphQL.Security;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Actors;

/// <summary>The <c>Actor</c> type: a TMDB person.</summary>
public sealed class ActorType : ObjectGraphType<ActorRef>
{
    public ActorType(ImageUrls images, IOptions<QueryLimitsOptions> limits)
    {
        var collaboratorsImpact = Collaborators.ImpactFor(limits.Value.TmdbFieldCost);
        Name = "Actor";
        Description = "An actor: a person on TMDB, with their acting credits.";
        Interface<NodeInterface>();

        Field<NonNullGraphType<IdGraphType>>("id").Description("Global ID of the actor (for `node`).")
            .Resolve(ctx => GlobalId.Encode(GlobalId.Actor, ctx.Source.Id));
        Field<NonNullGraphType<IntGraphType>>("tmdbId").Description("The person's TMDB id.")
            .Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("The actor's name.")
            .Resolve(ctx => Known(ctx, s => s.Name, d => d.Person.Name));
        Field<StringGraphType>("biography").Description("Biography from TMDB; null when TMDB has none.")
            .CacheAs(CacheKind.Person).Resolve(ctx => WithDetails(ctx, d => Text(d.Person.Biography)));
        Field<DateType>("birthday").Description("Date of birth, when known.")
            .CacheAs(CacheKind.Person).Resolve(ctx => WithDetails(ctx, d => DateType.ParseOrNull(d.Person.Birthday)));
        Field<DateType>("deathday").Description("Date of death, when known.")
            .CacheAs(CacheKind.Person).Resolve(ctx => WithDetails(ctx, d => DateType.ParseOrNull(d.Person.Deathday)));
        Field<StringGraphType>("placeOfBirth").Description("Place of birth, when known.")
            .CacheAs(CacheKind.Person).Resolve(ctx => WithDetails(ctx, d => Text(d.Person.PlaceOfBirth)));
        Field<NonNullGraphType<GenderType>>("gender").Description("Gender as recorded on TMDB.")
            .Resolve(ctx => Known(ctx, s => GenderCodes.FromTmdb(s.Gender), d => GenderCodes.FromTmdb(d.Person.Gender)));
        Field<StringGraphType>("knownForDepartment").Description("The department TMDB knows the person for (\"Acting\", \"Directing\"…).")
            .Resolve(ctx => Known(ctx, s => Text(s.KnownForDepartment), d => Text(d.Person.KnownForDepartment)));
        Field<FloatGraphType>("popularity").Description("TMDB popularity score; higher is more popular.")
            .CacheAs(CacheKind.Person).Resolve(ctx => ctx.Source.Details is null && ctx.Source.Summary?.Popularity is { } p
                ? p
                : WithDetails(ctx, d => d.Person.Popularity));
        Field<StringGraphType>("profileUrl").Description("Absolute URL of the profile image, or null when TMDB has none.")
            .Argument<ProfileImageSizeType>("size", "Image size.", a => a.DefaultValue = ProfileImageSize.W185)
            .Resolve(ctx =>
            {
                var size = ctx.GetArgument("size", ProfileImageSize.W185).ToString().ToLowerInvariant();
                return Known(ctx, s => images.For(s.ProfilePath, size), d => images.For(d.Person.ProfilePath, size));
            });
        Field<NonNullGraphType<StringGraphType>>("tmdbUrl").Description("The actor's page on themoviedb.org.")
            .Resolve(ctx => ImageUrls.PersonPage(ctx.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MovieType>>>>("knownFor")
            .Description("The actor's most popular movies (what autocomplete shows as 'Known for').")
            .Argument<IntGraphType>("first", "How many movies (0 to 50).", a => a.DefaultValue = 3)
            .CacheAs(CacheKind.Person)
            .Resolve(ctx =>
            {
                var first = ctx.First() ?? 3;
                return WithDetails(ctx, d => d.Credits
                    .OrderByDescending(c => c.Movie.Known?.Popularity ?? 0).ThenBy(c => c.Movie.Id)
                    .Take(first).Select(c => c.Movie).ToArray());
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActorCreditType>>>>("credits")
            .Description("Acting credits: newest release first, credits without a release date last.")
            .CacheAs(CacheKind.Person)
            .ListSize(50)
            .Resolve(ctx => WithDetails(ctx, d => d.Credits));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimelineYearType>>>>("timeline")
            .Description("Dated acting credits grouped by release year: newest year first, within a year earliest release first.")
            .CacheAs(CacheKind.Person)
            .ListSize(30)
            .Resolve(ctx => WithDetails(ctx, d => d.Timeline));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CollaborationType>>>>("collaborators")
            .Description("Co-stars, most shared movies first; ties by popularity (higher first), then TMDB id (lower first). " +
                "Reads the cast of every movie the actor is credited in.")
            .Argument<IntGraphType>("first", "How many co-stars (0 to 50).", a => a.DefaultValue = Collaborators.DefaultFirst)
            // The answer reads movies, which stay fresh for less time than people.
            .CacheAs(CacheKind.Movie)
            .ResolveAsync(async ctx =>
            {
                var first = ctx.First() ?? Collaborators.DefaultFirst;
                var details = ctx.Source.Details
                    ?? await ctx.People().Load(ctx.Source.Id).GetResultAsync(ctx.CancellationToken)
                    ?? throw ActorSyncError.ActorNotFound(ctx.Source.Id);
                return await Collaborators.RankAsync(ctx, details, first);
            })
            // A list of `first` co-stars like any other; what it weighs is what ranking them reads.
            .FieldType.Weighs(collaboratorsImpact);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Answers from what is already known where possible, else from the loaded details.</summary>
    private static object? Known<T>(IResolveFieldContext<ActorRef> ctx, Func<ActorSummary, T> fromSummary, Func<ActorDetails, T> fromDetails) =>
        ctx.Source.Details is { } details ? Boxes.Of(fromDetails(details))
        : ctx.Source.Summary is { } summary ? Boxes.Of(fromSummary(summary))
        : WithDetails(ctx, fromDetails);

    private static object? WithDetails<T>(IResolveFieldContext<ActorRef> ctx, Func<ActorDetails, T> select) =>
        ctx.Source.Details is { } details ? Boxes.Of(select(details)) : Load(ctx, select);

    /// <summary>In its own method: a lambda capturing a parameter makes its closure when the method is entered, even on the path without it.</summary>
    private static object Load<T>(IResolveFieldContext<ActorRef> ctx, Func<ActorDetails, T> select)
    {
        var id = ctx.Source.Id;
        return ctx.People().Load(id).Then(d => select(d ?? throw ActorSyncError.ActorNotFound(id)));
    }
}
