using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Models;
using GraphQL;

namespace ActorSync.GraphQL.Actors;

/// <summary>A co-star and the movies they made with an actor, newest first.</summary>
public sealed record Collaboration(ActorRef Actor, IReadOnlyList<MovieRef> Movies)
{
    public int Count => Movies.Count;
}

/// <summary>
/// Ranks an actor's co-stars: most shared movies first, ties by popularity (higher first), then TMDB id (lower first).
/// The popularity is the one the movie's cast entry carries (TMDB repeats the person's there), so ranking reads movies
/// only, never the co-stars themselves: fields that ask for a co-star's details load them later, through the data loader.
/// </summary>
public static class Collaborators
{
    public const int DefaultFirst = 10;

    /// <summary>
    /// The most movies one ranking reads (one TMDB call each): an actor with more credits is ranked on their most
    /// popular movies (by the popularity the credit carries, ties by id). No actor of the offline snapshot has more
    /// (the most prolific has 67), while TMDB lists some people with hundreds of credits.
    /// </summary>
    public const int MaxMoviesRead = 100;

    /// <summary>
    /// What the field costs on top of its co-stars: its worst-case TMDB calls, the movies read
    /// (<see cref="MaxMoviesRead"/>) plus the actor's own look-up when the actor was met without their credits, at the
    /// cost of one TMDB field (<see cref="Impact"/> at the default of 10).
    /// </summary>
    public static double ImpactFor(double tmdbFieldCost) => (MaxMoviesRead + 1) * tmdbFieldCost;

    /// <summary><see cref="ImpactFor"/> at the default cost of a TMDB field (10).</summary>
    public const double Impact = (MaxMoviesRead + 1) * 10;

    public static async Task<IReadOnlyList<Collaboration>> RankAsync(IResolveFieldContext context, ActorDetails actor, int first)
    {
        if (first == 0)
            return [];
        var movies = await context.Movies().LoadMany(MoviesToRead(actor.Credits)).GetResultAsync(context.CancellationToken);

        var shared = new Dictionary<int, (ActorRef Actor, List<MovieRef> Movies)>();
        foreach (var movie in movies)
        {
            if (movie is null)
                continue; // a credit TMDB no longer has a movie for shares nothing
            foreach (var entry in movie.Cast)
            {
                if (entry.Actor.Id == actor.Person.Id)
                    continue;
                if (!shared.TryGetValue(entry.Actor.Id, out var costar))
                    shared[entry.Actor.Id] = costar = (entry.Actor, []);
                costar.Movies.Add(movie.Ref);
            }
        }

        return shared.Values
            .OrderByDescending(c => c.Movies.Count)
            .ThenByDescending(c => c.Actor.Summary?.Popularity ?? 0)
            .ThenBy(c => c.Actor.Id)
            .Take(first)
            .Select(c =>
            {
                var movieList = c.Movies.ToArray();
                Array.Sort(movieList, ReleaseOrder.NewestFirst);
                return new Collaboration(c.Actor, movieList);
            })
            .ToArray();
    }

    /// <summary>The ids of the movies a ranking reads: every credited movie, or the <see cref="MaxMoviesRead"/> most popular.</summary>
    public static IReadOnlyList<int> MoviesToRead(IReadOnlyList<ActorCredit> credits) =>
        credits.Count <= MaxMoviesRead
            ? credits.Select(c => c.Movie.Id).ToArray()
            : credits
                .OrderByDescending(c => c.Movie.Known?.Popularity ?? 0).ThenBy(c => c.Movie.Id)
                .Take(MaxMoviesRead)
                .Select(c => c.Movie.Id)
                .ToArray();
}
