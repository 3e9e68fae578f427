using ActorSync.Tmdb.Models;

namespace ActorSync.Tmdb.Offline;

/// <summary>
/// The snapshot's movies by position (file order), with what indexes and search need of every movie (id, popularity,
/// titles) at hand, and the movie itself either already built (read from JSON) or built on first use from a source
/// (the compact snapshot: a woken instance then builds only the movies its first requests touch). Thread-safe: two
/// threads may build the same movie at once; one of the two equal results is kept.
/// </summary>
internal sealed class MovieShelf
{
    private readonly TmdbMovie?[] _movies;
    private readonly int[]?[] _genreIds;
    private readonly Func<int, TmdbMovie>? _build;

    public int[] Ids { get; }
    public double?[] Popularity { get; }
    public string[] Titles { get; }
    public string?[] OriginalTitles { get; }

    public int Count => Ids.Length;

    /// <summary>Movies that are all built already.</summary>
    public MovieShelf(TmdbMovie[] movies)
    {
        _movies = movies;
        _genreIds = new int[]?[movies.Length];
        Ids = Array.ConvertAll(movies, m => m.Id);
        Popularity = Array.ConvertAll(movies, m => m.Popularity);
        Titles = Array.ConvertAll(movies, m => m.Title);
        OriginalTitles = Array.ConvertAll(movies, m => m.OriginalTitle);
    }

    /// <summary>Movies built by <paramref name="build"/> (from their position) when first asked for.</summary>
    public MovieShelf(int[] ids, double?[] popularity, string[] titles, string?[] originalTitles, Func<int, TmdbMovie> build)
    {
        Ids = ids;
        Popularity = popularity;
        Titles = titles;
        OriginalTitles = originalTitles;
        _movies = new TmdbMovie?[ids.Length];
        _genreIds = new int[]?[ids.Length];
        _build = build;
    }

    /// <summary>How many movies are built (all of them once the shelf was filled from JSON).</summary>
    public int Built => _movies.Count(m => m is not null);

    public TmdbMovie this[int index] =>
        Volatile.Read(ref _movies[index]) ?? Interlocked.CompareExchange(ref _movies[index], _build!(index), null) ?? _movies[index]!;

    /// <summary>The movie's genre ids, one array shared by every list item of the movie.</summary>
    public int[] GenreIds(int index)
    {
        if (Volatile.Read(ref _genreIds[index]) is { } ids)
            return ids;
        var movie = this[index];
        var made = movie.Genres is { Count: > 0 } genres ? genres.Select(g => g.Id).ToArray() : [];
        return Interlocked.CompareExchange(ref _genreIds[index], made, null) ?? made;
    }
}
