using System.IO.Compression;
using System.Text.Json;
using ActorSync.Tmdb.Offline;

namespace ActorSync.Bench;

/// <summary>A movie of the snapshot as the bench needs it: id, title, popularity and cast ids in billing order.</summary>
public sealed record SnapshotMovie(int Id, string Title, double Popularity, IReadOnlyList<int> Cast);

/// <summary>Two actors and the movies they share in the snapshot.</summary>
public sealed record CoStarPair(int First, int Second, string Names, IReadOnlySet<int> SharedMovies);

/// <summary>
/// The bundled offline snapshot's movies (the embedded <c>movies.jsonl.gz</c> of ActorSync.Tmdb, read with GZip and
/// JsonDocument): where the emulator's data comes from, so the bench picks ids that exist and knows what actors share.
/// </summary>
public sealed class SnapshotData
{
    private const string MoviesResource = "ActorSync.Tmdb.Offline.movies.jsonl.gz";

    private readonly Dictionary<int, HashSet<int>> _moviesOf;
    private readonly Dictionary<int, string> _names;

    private SnapshotData(List<SnapshotMovie> movies, Dictionary<int, HashSet<int>> moviesOf, Dictionary<int, string> names)
    {
        Movies = movies;
        _moviesOf = moviesOf;
        _names = names;
        Actors = [.. moviesOf.Keys.Order()];
    }

    /// <summary>Most popular first, then by id.</summary>
    public IReadOnlyList<SnapshotMovie> Movies { get; }

    /// <summary>Every actor with at least one acting credit, by id.</summary>
    public IReadOnlyList<int> Actors { get; }

    public string NameOf(int actorId) => _names.GetValueOrDefault(actorId, $"#{actorId}");

    public IReadOnlyCollection<int> MoviesOf(int actorId) => _moviesOf.GetValueOrDefault(actorId, []);

    /// <summary>Two of the first 10 billed actors of a random movie (co-stars, often stars), or null when its cast is smaller than 2.</summary>
    public int[]? RandomCoStars(Random random)
    {
        var cast = Movies[random.Next(Movies.Count)].Cast;
        if (cast.Count < 2)
            return null;
        var billed = Math.Min(cast.Count, 10);
        var first = random.Next(billed);
        var second = (first + 1 + random.Next(billed - 1)) % billed;
        return [cast[first], cast[second]];
    }

    public IReadOnlySet<int> SharedMovies(params int[] actors) =>
        actors.Select(a => (IEnumerable<int>)_moviesOf.GetValueOrDefault(a, [])).Aggregate((x, y) => x.Intersect(y)).ToHashSet();

    public static SnapshotData Load()
    {
        using var resource = typeof(OfflineTmdbClient).Assembly.GetManifestResourceStream(MoviesResource)
            ?? throw new InvalidOperationException($"ActorSync.Tmdb has no embedded resource {MoviesResource}.");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var movies = new List<SnapshotMovie>();
        var moviesOf = new Dictionary<int, HashSet<int>>();
        var names = new Dictionary<int, string>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0)
                continue;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var id = root.GetProperty("id").GetInt32();
            var cast = new List<(int Order, int Id)>();
            if (root.TryGetProperty("credits", out var credits) && credits.TryGetProperty("cast", out var castArray))
            {
                foreach (var member in castArray.EnumerateArray())
                {
                    var actor = member.GetProperty("id").GetInt32();
                    cast.Add((member.TryGetProperty("order", out var order) && order.ValueKind == JsonValueKind.Number ? order.GetInt32() : int.MaxValue, actor));
                    names.TryAdd(actor, member.GetProperty("name").GetString() ?? "");
                    if (!moviesOf.TryGetValue(actor, out var set))
                        moviesOf[actor] = set = [];
                    set.Add(id);
                }
            }
            var popularity = root.TryGetProperty("popularity", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : 0;
            movies.Add(new SnapshotMovie(id, root.GetProperty("title").GetString() ?? "", popularity,
                cast.OrderBy(c => c.Order).Select(c => c.Id).Distinct().ToArray()));
        }
        movies.Sort((a, b) => b.Popularity != a.Popularity ? b.Popularity.CompareTo(a.Popularity) : a.Id.CompareTo(b.Id));
        return new SnapshotData(movies, moviesOf, names);
    }

    /// <summary>
    /// Co-star pairs as users would pick them: the two top-billed actors of the most popular movies, skipping a pair when
    /// an actor or a shared movie already belongs to an earlier pair (or to <paramref name="excludedActors"/> /
    /// <paramref name="excludedMovies"/>), so that every pair's TMDB resources are cold even in one API process.
    /// </summary>
    public IReadOnlyList<CoStarPair> DisjointCoStarPairs(int count, IEnumerable<int> excludedActors, IEnumerable<int> excludedMovies)
    {
        var usedActors = excludedActors.ToHashSet();
        var usedMovies = excludedMovies.ToHashSet();
        var pairs = new List<CoStarPair>();
        foreach (var movie in Movies)
        {
            if (pairs.Count == count)
                break;
            if (movie.Cast.Count < 2)
                continue;
            var (a, b) = (movie.Cast[0], movie.Cast[1]);
            var shared = SharedMovies(a, b);
            if (usedActors.Contains(a) || usedActors.Contains(b) || shared.Overlaps(usedMovies))
                continue;
            usedActors.UnionWith([a, b]);
            usedMovies.UnionWith(shared);
            pairs.Add(new CoStarPair(a, b, $"{NameOf(a)} & {NameOf(b)}", shared));
        }
        return pairs;
    }
}
