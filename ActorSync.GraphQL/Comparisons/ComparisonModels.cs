using ActorSync.GraphQL.Actors;
using ActorSync.GraphQL.Movies;

namespace ActorSync.GraphQL.Comparisons;

/// <summary>
/// Compared actors (in the order given) and what their filmographies share. The movie entries are built once per
/// comparison, and both lists read them: a comparison is built per request, so this is the hot path of a warm query.
/// </summary>
public sealed class ActorComparison(IReadOnlyList<ActorDetails> actors)
{
    private ComparisonEntry[]? _entries;
    private IReadOnlyList<SharedMovie>? _shared;
    private IReadOnlyList<ComparisonYear>? _timeline;

    public IReadOnlyList<ActorDetails> Actors { get; } = actors;

    /// <summary>Movies every actor has an acting credit in: newest release first, undated last.</summary>
    public IReadOnlyList<SharedMovie> SharedMovies => _shared ??= BuildShared(Entries);

    /// <summary>Every dated credit of the compared actors by year: newest year first, earliest release first within a year.</summary>
    public IReadOnlyList<ComparisonYear> Timeline => _timeline ??= BuildTimeline(Entries);

    /// <summary>One entry per movie any compared actor is in, newest first, roles in the actors' order.</summary>
    private ComparisonEntry[] Entries => _entries ??= BuildEntries(Actors);

    private static ComparisonEntry[] BuildEntries(IReadOnlyList<ActorDetails> actors)
    {
        var credits = 0;
        foreach (var actor in actors)
            credits += actor.Credits.Count;
        var roles = new Dictionary<int, (MovieRef Movie, List<ActorRole> Roles)>(credits);
        foreach (var actor in actors)
        {
            var actorRoles = actor.MovieRoles;
            for (var i = 0; i < actorRoles.Count; i++)
            {
                var (movie, role) = actorRoles[i];
                if (!roles.TryGetValue(movie.Id, out var entry))
                    roles[movie.Id] = entry = (movie, new List<ActorRole>(actors.Count));
                entry.Roles.Add(role);
            }
        }
        var entries = new ComparisonEntry[roles.Count];
        var at = 0;
        foreach (var (movie, movieRoles) in roles.Values)
            entries[at++] = new ComparisonEntry(movie, movieRoles, movieRoles.Count == actors.Count);
        Array.Sort(entries, NewestFirst);
        return entries;
    }

    private static SharedMovie[] BuildShared(ComparisonEntry[] entries)
    {
        var shared = new List<SharedMovie>();
        foreach (var entry in entries)
        {
            if (entry.Shared)
                shared.Add(new SharedMovie(entry.Movie, entry.Roles));
        }
        return [.. shared];
    }

    /// <summary>The entries are newest first with the undated last, so each year is one run of them.</summary>
    private static ComparisonYear[] BuildTimeline(ComparisonEntry[] entries)
    {
        var years = new List<ComparisonYear>();
        var start = 0;
        while (start < entries.Length && entries[start].Movie.Known?.ReleaseDate is { } date)
        {
            var end = start + 1;
            while (end < entries.Length && entries[end].Movie.Known?.ReleaseDate?.Year == date.Year)
                end++;
            var year = entries[start..end];
            Array.Sort(year, EarliestFirst);
            years.Add(new ComparisonYear(date.Year, year));
            start = end;
        }
        return [.. years];
    }

    private static readonly Comparison<ComparisonEntry> NewestFirst = (a, b) => ReleaseOrder.NewestFirst(a.Movie, b.Movie);
    private static readonly Comparison<ComparisonEntry> EarliestFirst = (a, b) => ReleaseOrder.EarliestFirst(a.Movie, b.Movie);
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
