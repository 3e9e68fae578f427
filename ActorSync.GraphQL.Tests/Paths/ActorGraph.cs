using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Paths;

/// <summary>
/// The snapshot as the actor–movie graph, built here from the raw data independently of the production search: an
/// actor's movies are the distinct movies of their acting roles, a movie's actors the distinct people of its cast.
/// Searches here are plain one-directional breadth-first searches.
/// </summary>
public sealed class ActorGraph
{
    private static readonly Lazy<ActorGraph> Shared = new(() => new ActorGraph(SnapshotOracle.Instance), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<int, int[]> _movies;
    private readonly Dictionary<int, int[]> _cast;

    public static ActorGraph Instance => Shared.Value;

    private ActorGraph(SnapshotOracle data)
    {
        _cast = data.Movies.Values.ToDictionary(m => m.Id, m => m.Cast.Select(c => c.PersonId).Distinct().Order().ToArray());
        _movies = data.Actors.ToDictionary(a => a, a => data.ActingCredits(a).Select(c => c.MovieId).Distinct().Order().ToArray());
    }

    /// <summary>Every actor with at least one acting role, by id.</summary>
    public IEnumerable<int> Actors => _movies.Keys.Order();

    /// <summary>The movies an actor acted in, by id.</summary>
    public IReadOnlyList<int> MoviesOf(int actor) => _movies.GetValueOrDefault(actor) ?? [];

    /// <summary>The people in a movie's cast, by id.</summary>
    public IReadOnlyList<int> CastOf(int movie) => _cast.GetValueOrDefault(movie) ?? [];

    /// <summary>Co-stars: everyone who shares a movie with the actor, the actor left out.</summary>
    public IReadOnlyCollection<int> CoStarsOf(int actor) =>
        MoviesOf(actor).SelectMany(CastOf).Where(a => a != actor).ToHashSet();

    /// <summary>Degrees of separation from <paramref name="from"/> to every actor it reaches within <paramref name="maxDegrees"/>.</summary>
    public Dictionary<int, int> Degrees(int from, int maxDegrees = int.MaxValue)
    {
        var degrees = new Dictionary<int, int> { [from] = 0 };
        var seenMovies = new HashSet<int>();
        var frontier = new List<int> { from };
        for (var d = 1; frontier.Count > 0 && d <= maxDegrees; d++)
        {
            var next = new List<int>();
            foreach (var actor in frontier)
            {
                foreach (var movie in MoviesOf(actor).Where(seenMovies.Add))
                {
                    foreach (var costar in CastOf(movie).Where(c => degrees.TryAdd(c, d)))
                        next.Add(costar);
                }
            }
            frontier = next;
        }
        return degrees;
    }

    /// <summary>
    /// The chain the API promises: among the shortest, the lexicographically smallest sequence of (movie, actor) pairs.
    /// Walks from <paramref name="from"/>, each step taking the smallest movie that leads one degree closer to
    /// <paramref name="to"/>, then the smallest such actor in it. Null when <paramref name="to"/> is unreachable.
    /// </summary>
    public IReadOnlyList<(int Movie, int Actor)>? SmallestShortestChain(int from, int to)
    {
        var toTarget = Degrees(to);
        if (!toTarget.TryGetValue(from, out var remaining))
            return null;
        var chain = new List<(int, int)>();
        for (var current = from; remaining > 0; remaining--)
        {
            var step = MoviesOf(current)
                .SelectMany(m => CastOf(m).Where(a => toTarget.GetValueOrDefault(a, int.MaxValue) == remaining - 1).Select(a => (Movie: m, Actor: a)))
                .OrderBy(s => s.Movie).ThenBy(s => s.Actor)
                .First();
            chain.Add(step);
            current = step.Actor;
        }
        return chain;
    }

    /// <summary>
    /// Every shortest chain from <paramref name="from"/> to <paramref name="to"/>, who are <paramref name="degrees"/> apart
    /// (stops after <paramref name="limit"/>).
    /// </summary>
    public List<IReadOnlyList<(int Movie, int Actor)>> AllShortestChains(int from, int to, int degrees, int limit = 100_000)
    {
        var toTarget = Degrees(to, degrees);
        var chains = new List<IReadOnlyList<(int Movie, int Actor)>>();
        if (!toTarget.TryGetValue(from, out var length))
            return chains;
        var prefix = new List<(int Movie, int Actor)>();
        void Extend(int current, int remaining)
        {
            if (chains.Count >= limit)
                return;
            if (remaining == 0)
            {
                chains.Add(prefix.ToArray());
                return;
            }
            foreach (var movie in MoviesOf(current))
            {
                foreach (var next in CastOf(movie).Where(a => toTarget.GetValueOrDefault(a, int.MaxValue) == remaining - 1))
                {
                    prefix.Add((movie, next));
                    Extend(next, remaining - 1);
                    prefix.RemoveAt(prefix.Count - 1);
                }
            }
        }
        Extend(from, length);
        return chains;
    }

    /// <summary>Lexicographic order of chains of equal length: pair by pair, movie id then actor id.</summary>
    public static int CompareChains(IReadOnlyList<(int Movie, int Actor)> a, IReadOnlyList<(int Movie, int Actor)> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var byPair = a[i].CompareTo(b[i]);
            if (byPair != 0)
                return byPair;
        }
        return a.Count.CompareTo(b.Count);
    }
}
