using ActorSync.GraphQL.Movies;
using ActorSync.GraphQL.Schema;
using GraphQL;

namespace ActorSync.GraphQL.Actors;

/// <summary>A co-star and the movies they made with an actor, newest first.</summary>
public sealed record Collaboration(ActorRef Actor, IReadOnlyList<MovieRef> Movies)
{
    public int Count => Movies.Count;
}

/// <summary>
/// Ranks an actor's co-stars: most shared movies first, ties by popularity (higher first), then TMDB id (lower first).
/// </summary>
public static class Collaborators
{
    public const int DefaultFirst = 10;

    /// <summary>
    /// Every credit's movie is read (for its cast): as many TMDB-backed look-ups, at 10 each, as the 50 credits the cost
    /// model assumes for a filmography.
    /// </summary>
    public const double Impact = 500;

    public static async Task<IReadOnlyList<Collaboration>> RankAsync(IResolveFieldContext context, ActorDetails actor, int first)
    {
        if (first == 0)
            return [];
        var ct = context.CancellationToken;
        var movies = await context.Movies().LoadMany(actor.Credits.Select(c => c.Movie.Id)).GetResultAsync(ct);

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
        if (shared.Count == 0)
            return [];

        var byCount = shared.Values.OrderByDescending(c => c.Movies.Count).ToArray();
        // Popularity decides only among co-stars tied on a count that reaches the cut-off, so only they are read
        // (one batch of person look-ups, which later fields reuse); the rest are ranked by their count alone.
        var cutoff = byCount[Math.Min(first, byCount.Length) - 1].Movies.Count;
        var tied = byCount.Where(c => c.Movies.Count >= cutoff)
            .GroupBy(c => c.Movies.Count)
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Select(c => c.Actor.Id))
            .ToArray();
        var details = await context.People().LoadMany(tied).GetResultAsync(ct);
        var popularity = new Dictionary<int, ActorDetails?>(tied.Length);
        for (var i = 0; i < tied.Length; i++)
            popularity[tied[i]] = details[i];

        return byCount
            .Where(c => c.Movies.Count >= cutoff)
            .Select(c =>
            {
                var found = popularity.GetValueOrDefault(c.Actor.Id);
                var costar = found is null ? c.Actor : c.Actor with { Details = found };
                var movieList = c.Movies.ToArray();
                Array.Sort(movieList, ReleaseOrder.NewestFirst);
                return (Popularity: found?.Person.Popularity ?? c.Actor.Summary?.Popularity ?? 0, Collaboration: new Collaboration(costar, movieList));
            })
            .OrderByDescending(c => c.Collaboration.Count)
            .ThenByDescending(c => c.Popularity)
            .ThenBy(c => c.Collaboration.Actor.Id)
            .Take(first)
            .Select(c => c.Collaboration)
            .ToArray();
    }
}
