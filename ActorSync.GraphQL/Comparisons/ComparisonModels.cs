using System.Buffers;
using ActorSync.GraphQL.Models;

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

    /// <summary>Where each movie's entry is being built, per thread (a comparison is built without awaiting): no dictionary per request.</summary>
    [ThreadStatic]
    private static Dictionary<int, int>? _slotOfMovie;

    private static ComparisonEntry[] BuildEntries(IReadOnlyList<ActorDetails> actors)
    {
        var slotOfMovie = _slotOfMovie ??= [];
        var credits = 0;
        foreach (var actor in actors)
            credits += SoloEntries.Of(actor).Count;
        // Scratch space from the pool: only the entries themselves outlive this call.
        var first = ArrayPool<ComparisonEntry>.Shared.Rent(credits);
        var roles = ArrayPool<ActorRole[]?>.Shared.Rent(credits);
        var counts = ArrayPool<int>.Shared.Rent(credits);
        var filled = ArrayPool<int>.Shared.Rent(credits);
        var slots = 0;
        try
        {
            // First the movies: each gets a slot, with how many actors are in it and the first actor's entry.
            foreach (var actor in actors)
            {
                foreach (var solo in SoloEntries.Of(actor))
                {
                    if (slotOfMovie.TryGetValue(solo.Movie.Id, out var slot))
                    {
                        counts[slot]++;
                    }
                    else
                    {
                        slotOfMovie.Add(solo.Movie.Id, slots);
                        first[slots] = solo;
                        counts[slots++] = 1;
                    }
                }
            }

            // A movie one actor is in is that actor's own entry; a movie several are in gets their roles in the actors' order.
            var entries = new ComparisonEntry[slots];
            for (var slot = 0; slot < slots; slot++)
            {
                filled[slot] = 0;
                if (counts[slot] == 1)
                {
                    entries[slot] = first[slot];
                    roles[slot] = null;
                }
                else
                {
                    roles[slot] = new ActorRole[counts[slot]];
                }
            }
            foreach (var actor in actors)
            {
                foreach (var solo in SoloEntries.Of(actor))
                {
                    var slot = slotOfMovie[solo.Movie.Id];
                    if (roles[slot] is { } movieRoles)
                        movieRoles[filled[slot]++] = solo.Roles[0];
                }
            }
            for (var slot = 0; slot < slots; slot++)
            {
                if (roles[slot] is { } movieRoles)
                    entries[slot] = new ComparisonEntry(first[slot].Movie, movieRoles, movieRoles.Length == actors.Count);
            }
            Array.Sort(entries, NewestFirst);
            return entries;
        }
        finally
        {
            slotOfMovie.Clear();
            first.AsSpan(0, slots).Clear();
            roles.AsSpan(0, slots).Clear();
            ArrayPool<ComparisonEntry>.Shared.Return(first);
            ArrayPool<ActorRole[]?>.Shared.Return(roles);
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<int>.Shared.Return(filled);
        }
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

    /// <summary>
    /// The entries are newest first with the undated last, so each year is one run of them. Within a year the dates go
    /// the other way, and entries of one date keep their order (both orders break ties on the title, then the id), so
    /// the year is the run's dates read backwards, each date's entries read forwards: no sort.
    /// </summary>
    private static ComparisonYear[] BuildTimeline(ComparisonEntry[] entries)
    {
        var years = new List<ComparisonYear>();
        var start = 0;
        while (start < entries.Length && entries[start].Movie.Known?.ReleaseDate is { } date)
        {
            var end = start + 1;
            while (end < entries.Length && entries[end].Movie.Known?.ReleaseDate?.Year == date.Year)
                end++;
            var year = new ComparisonEntry[end - start];
            var at = 0;
            var dayEnd = end;
            while (dayEnd > start)
            {
                var day = entries[dayEnd - 1].Movie.Known!.ReleaseDate;
                var dayStart = dayEnd - 1;
                while (dayStart > start && entries[dayStart - 1].Movie.Known!.ReleaseDate == day)
                    dayStart--;
                Array.Copy(entries, dayStart, year, at, dayEnd - dayStart);
                at += dayEnd - dayStart;
                dayEnd = dayStart;
            }
            years.Add(new ComparisonYear(date.Year, year));
            start = end;
        }
        return [.. years];
    }

    private static readonly Comparison<ComparisonEntry> NewestFirst = (a, b) => ReleaseOrder.NewestFirst(a.Movie, b.Movie);
}

public sealed record SharedMovie(MovieRef Movie, IReadOnlyList<ActorRole> Roles);

public sealed record ActorRole(ActorRef Actor, string? Character);

public sealed record ComparisonYear(int Year, IReadOnlyList<ComparisonEntry> Entries);

public sealed record ComparisonEntry(MovieRef Movie, IReadOnlyList<ActorRole> Roles, bool Shared);

/// <summary>Compared movies (in the order given); the shared cast is ranked when asked for, by the popularity its cast entries carry.</summary>
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
