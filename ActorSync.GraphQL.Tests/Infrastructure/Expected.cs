namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>
/// The answers the API's rules (DESIGN.md §5) imply for the snapshot, computed here from the raw data,
/// independently of the production code.
/// </summary>
public static class Expected
{
    private static SnapshotOracle Data => SnapshotOracle.Instance;

    /// <summary>An acting credit: one per movie, characters in billing order joined with " / ", the earliest billing.</summary>
    public sealed record Credit(int MovieId, string? Character, int Order)
    {
        public SnapshotMovie Movie => Data.Movies[MovieId];
        public string? Date => Movie.ReleaseDate;
        public int? Year => Date is null ? null : int.Parse(Date[..4]);
    }

    public static IReadOnlyList<Credit> Credits(int personId) =>
        NewestFirst(Data.ActingCredits(personId)
            .GroupBy(c => c.MovieId)
            .Select(g => new Credit(g.Key, JoinCharacters(g.OrderBy(c => c.Order).Select(c => c.Character)), g.Min(c => c.Order))));

    public static string? JoinCharacters(IEnumerable<string?> characters)
    {
        var names = characters.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).Distinct().ToArray();
        return names.Length == 0 ? null : string.Join(" / ", names);
    }

    /// <summary>Newest release first; same date by title (case-insensitive), then id; undated last.</summary>
    public static IReadOnlyList<T> NewestFirst<T>(IEnumerable<T> items, Func<T, int> movieId) =>
        items.OrderBy(i => Data.Movies[movieId(i)].ReleaseDate is null ? 1 : 0)
            .ThenByDescending(i => Data.Movies[movieId(i)].ReleaseDate, StringComparer.Ordinal)
            .ThenBy(i => Data.Movies[movieId(i)].Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(movieId)
            .ToArray();

    public static IReadOnlyList<Credit> NewestFirst(IEnumerable<Credit> credits) => NewestFirst(credits, c => c.MovieId);

    /// <summary>Earliest release first; same date by title, then id.</summary>
    public static IReadOnlyList<T> EarliestFirst<T>(IEnumerable<T> items, Func<T, int> movieId) =>
        items.OrderBy(i => Data.Movies[movieId(i)].ReleaseDate, StringComparer.Ordinal)
            .ThenBy(i => Data.Movies[movieId(i)].Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(movieId)
            .ToArray();

    /// <summary>Dated credits by year: newest year first, earliest release first within a year.</summary>
    public static IReadOnlyList<(int Year, IReadOnlyList<Credit> Credits)> Timeline(int personId) =>
        Credits(personId).Where(c => c.Year is not null)
            .GroupBy(c => c.Year!.Value)
            .OrderByDescending(g => g.Key)
            .Select(g => (g.Key, EarliestFirst(g, c => c.MovieId)))
            .ToArray();

    /// <summary>Movies every actor acted in, newest first, with each actor's merged character in the order given.</summary>
    public static IReadOnlyList<(int MovieId, IReadOnlyList<string?> Characters)> SharedMovies(IReadOnlyList<int> personIds)
    {
        var credits = personIds.Select(id => Credits(id).ToDictionary(c => c.MovieId)).ToArray();
        var shared = credits[0].Keys.Where(movie => credits.All(c => c.ContainsKey(movie)));
        return NewestFirst(shared, m => m)
            .Select(m => (m, (IReadOnlyList<string?>)credits.Select(c => c[m].Character).ToArray()))
            .ToArray();
    }

    /// <summary>A movie's cast, one entry per actor, in billing order.</summary>
    public static IReadOnlyList<(int PersonId, string? Character, int Order)> Cast(int movieId) =>
        Data.Movies[movieId].Cast
            .GroupBy(c => c.PersonId)
            .Select(g => (g.Key, JoinCharacters(g.OrderBy(c => c.Order).Select(c => c.Character)), g.Min(c => c.Order)))
            .OrderBy(c => c.Item3)
            .ToArray();

    /// <summary>People in every movie's cast, most popular first (then id), with their character in each movie.</summary>
    public static IReadOnlyList<(int PersonId, IReadOnlyList<string?> Characters)> SharedCast(IReadOnlyList<int> movieIds)
    {
        var casts = movieIds.Select(id => Cast(id).ToDictionary(c => c.PersonId)).ToArray();
        return casts[0].Keys.Where(p => casts.All(c => c.ContainsKey(p)))
            .OrderByDescending(p => Data.People[p].Popularity).ThenBy(p => p)
            .Select(p => (p, (IReadOnlyList<string?>)casts.Select(c => c[p].Character).ToArray()))
            .ToArray();
    }

    /// <summary>Actors to test with: the most prolific few, some picked at random (fixed seed), and multi-role cases.</summary>
    public static IReadOnlyList<int> SampleActors(int count, int seed)
    {
        var actors = Data.Actors.OrderBy(id => id).ToArray();
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => actors[random.Next(actors.Length)]).Distinct().ToArray();
    }

    /// <summary>Pairs of actors who made at least one movie together: the two top-billed of movies picked at random.</summary>
    public static IReadOnlyList<int[]> CoStarPairs(int count, int seed)
    {
        var movies = Data.Movies.Values.Where(m => m.Cast.Select(c => c.PersonId).Distinct().Count() >= 2).OrderBy(m => m.Id).ToArray();
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => movies[random.Next(movies.Length)].Cast.Select(c => c.PersonId).Distinct().Take(2).ToArray())
            .ToArray();
    }
}
