using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorSync.Tmdb.Models;

namespace ActorSync.Tmdb.Offline;

/// <summary>
/// The TMDB 5000 snapshot in memory: movies with credits, people, the person→credits index TMDB would
/// serve as <c>movie_credits</c>, and search indexes. Immutable once built, so it is shared freely.
/// </summary>
internal sealed class OfflineSnapshot
{
    public const string MoviesResource = "ActorSync.Tmdb.Offline.movies.jsonl.gz";
    public const string PeopleResource = "ActorSync.Tmdb.Offline.people.jsonl.gz";

    private static readonly TmdbPersonMovieCredits NoCredits = new();

    public IReadOnlyDictionary<int, TmdbMovie> Movies { get; }
    public IReadOnlyDictionary<int, TmdbPerson> People { get; }
    /// <summary>People (with their search words), most popular first, then by id.</summary>
    public IReadOnlyList<SearchEntry> PeopleByPopularity { get; }
    /// <summary>Movies (title and original title words), most popular first, then by id.</summary>
    public IReadOnlyList<SearchEntry> MoviesByPopularity { get; }

    private readonly Dictionary<int, TmdbPersonMovieCredits> _credits;

    public readonly record struct SearchEntry(int Id, string[] Words);

    private OfflineSnapshot(List<TmdbMovie> movies, List<TmdbPerson> people)
    {
        Movies = movies.ToDictionary(m => m.Id);
        People = people.ToDictionary(p => p.Id);
        _credits = BuildCreditIndex(movies);
        PeopleByPopularity = people
            .OrderByDescending(p => p.Popularity ?? 0).ThenBy(p => p.Id)
            .Select(p => new SearchEntry(p.Id, SearchText.Words(p.Name)))
            .ToArray();
        MoviesByPopularity = movies
            .OrderByDescending(m => m.Popularity ?? 0).ThenBy(m => m.Id)
            .Select(m => new SearchEntry(m.Id, SearchText.Words(m.Title).Concat(SearchText.Words(m.OriginalTitle)).Distinct().ToArray()))
            .ToArray();
    }

    /// <summary>A person's <c>movie_credits</c>, as TMDB derives them from the movies' casts and crews.</summary>
    public TmdbPersonMovieCredits CreditsOf(int personId) =>
        _credits.TryGetValue(personId, out var credits) ? credits : NoCredits;

    public static OfflineSnapshot LoadEmbedded()
    {
        var assembly = typeof(OfflineSnapshot).Assembly;
        // The two files are independent: read them on two threads to halve start-up.
        var movies = Task.Run(() => ReadLines(assembly, MoviesResource, TmdbJsonContext.Default.TmdbMovie));
        var people = ReadLines(assembly, PeopleResource, TmdbJsonContext.Default.TmdbPerson);
        return new OfflineSnapshot(movies.GetAwaiter().GetResult(), people);
    }

    private static List<T> ReadLines<T>(Assembly assembly, string resource, JsonTypeInfo<T> typeInfo)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The offline snapshot resource {resource} is missing from {assembly.GetName().Name}.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var items = new List<T>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
                continue;
            items.Add(JsonSerializer.Deserialize(line, typeInfo)
                ?? throw new InvalidDataException($"A null line in {resource}."));
        }
        return items;
    }

    private static Dictionary<int, TmdbPersonMovieCredits> BuildCreditIndex(List<TmdbMovie> movies)
    {
        var cast = new Dictionary<int, List<TmdbPersonCastCredit>>();
        var crew = new Dictionary<int, List<TmdbPersonCrewCredit>>();
        foreach (var movie in movies)
        {
            if (movie.Credits is null)
                continue;
            var genreIds = movie.Genres?.Select(g => g.Id).ToArray() ?? [];
            foreach (var member in movie.Credits.Cast)
            {
                Add(cast, member.Id, new TmdbPersonCastCredit
                {
                    Id = movie.Id, Title = movie.Title, OriginalTitle = movie.OriginalTitle,
                    OriginalLanguage = movie.OriginalLanguage, Overview = movie.Overview,
                    ReleaseDate = movie.ReleaseDate, GenreIds = genreIds, VoteAverage = movie.VoteAverage,
                    VoteCount = movie.VoteCount, Popularity = movie.Popularity, PosterPath = movie.PosterPath,
                    BackdropPath = movie.BackdropPath, Adult = movie.Adult,
                    Character = member.Character, Order = member.Order, CreditId = member.CreditId,
                });
            }
            foreach (var member in movie.Credits.Crew)
            {
                Add(crew, member.Id, new TmdbPersonCrewCredit
                {
                    Id = movie.Id, Title = movie.Title, OriginalTitle = movie.OriginalTitle,
                    OriginalLanguage = movie.OriginalLanguage, Overview = movie.Overview,
                    ReleaseDate = movie.ReleaseDate, GenreIds = genreIds, VoteAverage = movie.VoteAverage,
                    VoteCount = movie.VoteCount, Popularity = movie.Popularity, PosterPath = movie.PosterPath,
                    BackdropPath = movie.BackdropPath, Adult = movie.Adult,
                    Department = member.Department, Job = member.Job, CreditId = member.CreditId,
                });
            }
        }

        var index = new Dictionary<int, TmdbPersonMovieCredits>(cast.Count + crew.Count);
        foreach (var personId in cast.Keys.Union(crew.Keys))
        {
            index[personId] = new TmdbPersonMovieCredits
            {
                Cast = cast.TryGetValue(personId, out var c) ? c.ToArray() : [],
                Crew = crew.TryGetValue(personId, out var k) ? k.ToArray() : [],
            };
        }
        return index;
    }

    private static void Add<T>(Dictionary<int, List<T>> index, int key, T item)
    {
        if (!index.TryGetValue(key, out var list))
            index[key] = list = [];
        list.Add(item);
    }
}
