using ActorSync.GraphQL.DataLoading;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Kernel;

/// <summary>The request's data loaders, reached from any resolver.</summary>
public static class LoaderContextExtensions
{
    public const string PeopleKey = "actorsync:people";
    public const string MoviesKey = "actorsync:movies";

    /// <summary>The endpoint puts the request's loaders in the user context; other callers fall back to the request scope.</summary>
    public static PersonLoader People(this IResolveFieldContext context) =>
        context.UserContext.TryGetValue(PeopleKey, out var loader) && loader is PersonLoader people
            ? people
            : context.RequestServices!.GetRequiredService<PersonLoader>();

    public static MovieLoader Movies(this IResolveFieldContext context) =>
        context.UserContext.TryGetValue(MoviesKey, out var loader) && loader is MovieLoader movies
            ? movies
            : context.RequestServices!.GetRequiredService<MovieLoader>();
}
