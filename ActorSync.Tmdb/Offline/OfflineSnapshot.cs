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

    /// <summary>Per person, where their roles are: (movie, index in its cast or crew). Compact: the credits are built on request.</summary>
    private readonly Dictionary<int, RoleRefs> _roles;

    private readonly record struct RoleRef(TmdbMovie Movie, int Index);

    private sealed class RoleRefs
    {
        public List<RoleRef> Cast { get; } = [];
        public List<RoleRef> Crew { get; } = [];
    }

    public readonly record struct SearchEntry(int Id, string[] Words);

    private OfflineSnapshot(List<TmdbMovie> movies, List<TmdbPerson> people)
    {
        Movies = movies.ToDictionary(m => m.Id);
        People = people.ToDictionary(p => p.Id);
        _roles = BuildRoleIndex(movies);
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
    public TmdbPersonMovieCredits CreditsOf(int personId)
    {
        if (!_roles.TryGetValue(personId, out var roles))
            return NoCredits;
        return new TmdbPersonMovieCredits
        {
            Cast = roles.Cast.ConvertAll(r => CastCredit(r.Movie, r.Movie.Credits!.Cast[r.Index])),
            Crew = roles.Crew.ConvertAll(r => CrewCredit(r.Movie, r.Movie.Credits!.Crew[r.Index])),
        };
    }

    public static OfflineSnapshot LoadEmbedded()
    {
        var assembly = typeof(OfflineSnapshot).Assembly;
        // The two files are independent: read them on two threads to halve start-up.
        var movies = Task.Run(() => ReadLines(assembly, MoviesResource, TmdbJsonContext.Default.TmdbMovie));
        var people = ReadLines(assembly, PeopleResource, TmdbJsonContext.Default.TmdbPerson);
        var pool = new StringPool();
        return new OfflineSnapshot(pool.Share(movies.GetAwaiter().GetResult()), pool.Share(people));
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

    private static Dictionary<int, RoleRefs> BuildRoleIndex(List<TmdbMovie> movies)
    {
        var index = new Dictionary<int, RoleRefs>();
        RoleRefs Of(int personId)
        {
            if (!index.TryGetValue(personId, out var refs))
                index[personId] = refs = new RoleRefs();
            return refs;
        }
        foreach (var movie in movies)
        {
            if (movie.Credits is null)
                continue;
            for (var i = 0; i < movie.Credits.Cast.Count; i++)
                Of(movie.Credits.Cast[i].Id).Cast.Add(new RoleRef(movie, i));
            for (var i = 0; i < movie.Credits.Crew.Count; i++)
                Of(movie.Credits.Crew[i].Id).Crew.Add(new RoleRef(movie, i));
        }
        foreach (var refs in index.Values)
        {
            refs.Cast.TrimExcess();
            refs.Crew.TrimExcess();
        }
        return index;
    }

    private static TmdbPersonCastCredit CastCredit(TmdbMovie movie, TmdbCastMember member) =>
        new TmdbPersonCastCredit { Id = movie.Id, Title = movie.Title, Character = member.Character, Order = member.Order, CreditId = member.CreditId }
            .WithMovie(movie);

    private static TmdbPersonCrewCredit CrewCredit(TmdbMovie movie, TmdbCrewMember member) =>
        new TmdbPersonCrewCredit { Id = movie.Id, Title = movie.Title, Department = member.Department, Job = member.Job, CreditId = member.CreditId }
            .WithMovie(movie);


    /// <summary>
    /// One instance per distinct name, department, job and path: the same person appears in many casts and
    /// crews, and the parser makes a new string every time. Sharing them keeps the snapshot small in memory.
    /// </summary>
    private sealed class StringPool
    {
        private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

        private string? Get(string? value)
        {
            if (value is null)
                return null;
            if (_strings.TryGetValue(value, out var shared))
                return shared;
            _strings[value] = value;
            return value;
        }

        public List<TmdbPerson> Share(List<TmdbPerson> people) => people.ConvertAll(p => p with
        {
            Name = Get(p.Name)!,
            KnownForDepartment = Get(p.KnownForDepartment),
            ProfilePath = Get(p.ProfilePath),
            Biography = Get(p.Biography),
            AlsoKnownAs = p.AlsoKnownAs is { Count: 0 } ? [] : p.AlsoKnownAs,
        });

        public List<TmdbMovie> Share(List<TmdbMovie> movies) => movies.ConvertAll(m => m.Credits is null ? m : m with
        {
            Credits = new TmdbMovieCredits
            {
                Cast = m.Credits.Cast.Select(c => c with
                {
                    Name = Get(c.Name)!,
                    OriginalName = Get(c.OriginalName),
                    KnownForDepartment = Get(c.KnownForDepartment),
                    ProfilePath = Get(c.ProfilePath),
                }).ToArray(),
                Crew = m.Credits.Crew.Select(c => c with
                {
                    Name = Get(c.Name)!,
                    OriginalName = Get(c.OriginalName),
                    KnownForDepartment = Get(c.KnownForDepartment),
                    ProfilePath = Get(c.ProfilePath),
                    Department = Get(c.Department),
                    Job = Get(c.Job),
                }).ToArray(),
            },
        });
    }
}

/// <summary>Movie list items (credits, search results) as TMDB builds them from a movie.</summary>
internal static class MovieListItems
{
    /// <summary>Fills the fields TMDB repeats wherever it lists a movie (credits, search results) from the movie itself.</summary>
    internal static T WithMovie<T>(this T item, TmdbMovie movie) where T : TmdbMovieListItem =>
        (T)((TmdbMovieListItem)item with
        {
            Id = movie.Id, Title = movie.Title, OriginalTitle = movie.OriginalTitle,
            OriginalLanguage = movie.OriginalLanguage, Overview = movie.Overview,
            ReleaseDate = movie.ReleaseDate, GenreIds = movie.Genres?.Select(g => g.Id).ToArray() ?? [],
            VoteAverage = movie.VoteAverage, VoteCount = movie.VoteCount, Popularity = movie.Popularity,
            PosterPath = movie.PosterPath, BackdropPath = movie.BackdropPath, Adult = movie.Adult,
        });
}
