using ActorSync.GraphQL.Actors;
using ActorSync.GraphQL.Movies;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Schema;

/// <summary>The request's data loaders, reached from any resolver.</summary>
public static class LoaderContextExtensions
{
    public static PersonLoader People(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<PersonLoader>();

    public static MovieLoader Movies(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<MovieLoader>();
}
