using ActorSync.GraphQL.Actors;
using ActorSync.GraphQL.Movies;

namespace ActorSync.GraphQL.Comparisons;

/// <summary>Compared actors (in the order given) and what their filmographies share.</summary>
public sealed class ActorComparison(IReadOnlyList<ActorDetails> actors)
{
    private IReadOnlyList<SharedMovie>? _shared;
    private IReadOnlyList<ComparisonYear>? _timeline;

    public IReadOnlyList<ActorDetails> Actors { get; } = actors;

    /// <summary>Movies every actor has an acting credit in: newest release first, undated last.</summary>
    public IReadOnlyList<SharedMovie> SharedMovies => _shared ??= Entries()
        .Where(e => e.Shared)
        .Select(e => new SharedMovie(e.Movie, e.Roles))
        .ToArray();

    /// <summary>Every dated credit of the compared actors by year: newest year first, earliest release first within a year.</summary>
    public IReadOnlyList<ComparisonYear> Timeline => _timeline ??= Entries()
        .Where(e => e.Movie.Known?.ReleaseDate is not null)
        .GroupBy(e => e.Movie.Known!.ReleaseDate!.Value.Year)
        .OrderByDescending(g => g.Key)
        .Select(g =>
        {
            var entries = g.ToArray();
            Array.Sort(entries, (a, b) => ReleaseOrder.EarliestFirst(a.Movie, b.Movie));
            return new ComparisonYear(g.Key, entries);
        })
        .ToArray();

    /// <summary>One entry per movie any compared actor is in, newest first, roles in the actors' order.</summary>
    private ComparisonEntry[] Entries()
    {
        var roles = new Dictionary<int, (MovieRef Movie, List<ActorRole> Roles)>();
        foreach (var actor in Actors)
        {
            var actorRef = actor.Ref;
            foreach (var credit in actor.Credits)
            {
                if (!roles.TryGetValue(credit.Movie.Id, out var entry))
                    roles[credit.Movie.Id] = entry = (credit.Movie, []);
                entry.Roles.Add(new ActorRole(actorRef, credit.Character));
            }
        }
        var entries = roles.Values.Select(e => new ComparisonEntry(e.Movie, e.Roles, e.Roles.Count == Actors.Count)).ToArray();
        Array.Sort(entries, (a, b) => ReleaseOrder.NewestFirst(a.Movie, b.Movie));
        return entries;
    }
}

public sealed record SharedMovie(MovieRef Movie, IReadOnlyList<ActorRole> Roles);

public sealed record ActorRole(ActorRef Actor, string? Character);

public sealed record ComparisonYear(int Year, IReadOnlyList<ComparisonEntry> Entries);

public sealed record ComparisonEntry(MovieRef Movie, IReadOnlyList<ActorRole> Roles, bool Shared);

/// <summary>Compared movies (in the order given); the shared cast is ranked when asked for, since it needs each actor's popularity.</summary>
public sealed class MovieComparison(IReadOnlyList<MovieDetails> movies)
{
    public IReadOnlyList<MovieDetails> Movies { get; } = movies;

    /// <summary>Actors in every compared movie's cast, with one role per movie in the movies' order (unranked).</summary>
    public IReadOnlyList<SharedCastMember> SharedCastUnranked()
    {
        var first = Movies[0];
        var others = Movies.Skip(1).Select(m => m.Cast.ToDictionary(c => c.Actor.Id)).ToArray();
        var shared = new List<SharedCastMember>();
        foreach (var entry in first.Cast)
        {
            var roles = new List<MovieRole> { new(first.Ref, entry.Character) };
            for (var i = 0; i < others.Length && roles.Count == i + 1; i++)
            {
                if (others[i].TryGetValue(entry.Actor.Id, out var other))
                    roles.Add(new MovieRole(Movies[i + 1].Ref, other.Character));
            }
            if (roles.Count == Movies.Count)
                shared.Add(new SharedCastMember(entry.Actor, roles));
        }
        return shared;
    }
}

public sealed record SharedCastMember(ActorRef Actor, IReadOnlyList<MovieRole> Roles);

public sealed record MovieRole(MovieRef Movie, string? Character);
