using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>
/// The offline snapshot as the tests see it: read straight from the repository's
/// <c>ActorSync.Tmdb/Offline/Data/*.jsonl.gz</c> files with <see cref="JsonDocument"/>, independently of the
/// production DTOs, JSON context and indexes, so tests can compute their expectations from the raw data.
/// Loaded once, lazily, on first use of <see cref="Instance"/>.
/// </summary>
public sealed class SnapshotOracle
{
    private static readonly Lazy<SnapshotOracle> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<int, List<SnapshotActingCredit>> _actingCredits = [];
    private readonly Dictionary<int, List<SnapshotCrewCredit>> _crewCredits = [];
    private readonly Lazy<(int Id, string[] Words)[]> _peopleSearch;
    private readonly Lazy<(int Id, string[] Words)[]> _moviesSearch;

    /// <summary>The shared, lazily loaded snapshot.</summary>
    public static SnapshotOracle Instance => Shared.Value;

    /// <summary>Every movie of <c>movies.jsonl.gz</c>, by TMDB id.</summary>
    public IReadOnlyDictionary<int, SnapshotMovie> Movies { get; }

    /// <summary>Every person of <c>people.jsonl.gz</c>, by TMDB id.</summary>
    public IReadOnlyDictionary<int, SnapshotPerson> People { get; }

    private SnapshotOracle(List<SnapshotMovie> movies, List<SnapshotPerson> people)
    {
        Movies = movies.ToDictionary(m => m.Id);
        People = people.ToDictionary(p => p.Id);
        foreach (var movie in movies)
        {
            foreach (var member in movie.Cast)
                Add(_actingCredits, member.PersonId, new SnapshotActingCredit(movie.Id, member.Character, member.Order));
            foreach (var member in movie.Crew)
                Add(_crewCredits, member.PersonId, new SnapshotCrewCredit(movie.Id, member.Department, member.Job));
        }
        // Search candidates in result order, folded once.
        _peopleSearch = new(() => [.. People.Values
            .OrderByDescending(p => p.Popularity).ThenBy(p => p.Id)
            .Select(p => (p.Id, Words(p.Name)))]);
        _moviesSearch = new(() => [.. Movies.Values
            .OrderByDescending(m => m.Popularity).ThenBy(m => m.Id)
            .Select(m => (m.Id, (string[])[.. Words(m.Title), .. Words(m.OriginalTitle)]))]);
    }

    /// <summary>
    /// A person's acting roles: the inverse of the movies' casts, one entry per role (a movie may appear more
    /// than once), in file order of the movies. Empty for unknown people and for people who never acted.
    /// </summary>
    public IReadOnlyList<SnapshotActingCredit> ActingCredits(int personId) =>
        _actingCredits.TryGetValue(personId, out var credits) ? credits : [];

    /// <summary>A person's crew jobs: the inverse of the movies' crews, one entry per job, in file order of the movies.</summary>
    public IReadOnlyList<SnapshotCrewCredit> CrewCredits(int personId) =>
        _crewCredits.TryGetValue(personId, out var credits) ? credits : [];

    /// <summary>Ids of the people who have at least one acting role.</summary>
    public IEnumerable<int> Actors => _actingCredits.Keys;

    /// <summary>Ids of the people who have at least one crew job.</summary>
    public IEnumerable<int> CrewMembers => _crewCredits.Keys;

    /// <summary>
    /// The person's three "known for" movies as the offline search presents them: distinct movies the person
    /// acted in, most popular first (ties by id).
    /// </summary>
    public IReadOnlyList<int> KnownFor(int personId) =>
        ActingCredits(personId)
            .Select(c => Movies[c.MovieId])
            .DistinctBy(m => m.Id)
            .OrderByDescending(m => m.Popularity).ThenBy(m => m.Id)
            .Take(3)
            .Select(m => m.Id)
            .ToArray();

    /// <summary>
    /// Every person whose name matches <paramref name="query"/> (each query word starts some name word, after
    /// <see cref="Words"/>), most popular first, then by id. Empty when the query has no words.
    /// </summary>
    public IReadOnlyList<int> SearchPeople(string query) => Search(_peopleSearch.Value, query);

    /// <summary>
    /// Every movie whose title or original title matches <paramref name="query"/> (each query word starts some
    /// word of either), most popular first, then by id. Empty when the query has no words.
    /// </summary>
    public IReadOnlyList<int> SearchMovies(string query) => Search(_moviesSearch.Value, query);

    private static int[] Search((int Id, string[] Words)[] candidates, string query)
    {
        var queryWords = Words(query);
        return queryWords.Length == 0 ? [] : [.. candidates.Where(c => Matches(queryWords, c.Words)).Select(c => c.Id)];
    }

    /// <summary>
    /// Folds text the way search is specified to: lower case, accents removed (é → e, and the letters Unicode
    /// does not decompose: ß → ss, æ → ae, œ → oe, ø → o, ł → l, đ → d, ı → i), apostrophes dropped
    /// ("O'Brien" → "obrien"), then split into words at anything that is not a letter or digit.
    /// </summary>
    public static string[] Words(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return [];
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or 'ʼ')
                continue;
            folded.Append(c switch
            {
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                'ø' => "o",
                'ł' => "l",
                'đ' => "d",
                'ı' => "i",
                _ when char.IsLetterOrDigit(c) => c.ToString(),
                _ => " ",
            });
        }
        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>True when every query word is a prefix of some name word.</summary>
    public static bool Matches(IReadOnlyCollection<string> queryWords, IReadOnlyCollection<string> nameWords) =>
        queryWords.All(q => nameWords.Any(w => w.StartsWith(q, StringComparison.Ordinal)));

    private static SnapshotOracle Load()
    {
        var data = RepositoryRoot.Combine("ActorSync.Tmdb", "Offline", "Data");
        var movies = ReadLines(Path.Combine(data, "movies.jsonl.gz"), ReadMovie);
        var people = ReadLines(Path.Combine(data, "people.jsonl.gz"), ReadPerson);
        return new SnapshotOracle(movies, people);
    }

    private static List<T> ReadLines<T>(string path, Func<JsonElement, T> read)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var items = new List<T>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
                continue;
            using var json = JsonDocument.Parse(line);
            items.Add(read(json.RootElement));
        }
        return items;
    }

    private static SnapshotMovie ReadMovie(JsonElement m)
    {
        var credits = m.GetProperty("credits");
        return new SnapshotMovie(
            Id: m.GetProperty("id").GetInt32(),
            Title: m.GetProperty("title").GetString()!,
            OriginalTitle: OptionalString(m, "original_title"),
            ReleaseDate: OptionalString(m, "release_date") is { Length: > 0 } date ? date : null,
            Popularity: m.GetProperty("popularity").GetDouble(),
            VoteAverage: m.GetProperty("vote_average").GetDouble(),
            VoteCount: m.GetProperty("vote_count").GetInt32(),
            PosterPath: OptionalString(m, "poster_path"),
            Runtime: m.TryGetProperty("runtime", out var runtime) && runtime.ValueKind == JsonValueKind.Number ? runtime.GetInt32() : null,
            Tagline: OptionalString(m, "tagline"),
            Overview: OptionalString(m, "overview"),
            Genres: [.. m.GetProperty("genres").EnumerateArray().Select(g => g.GetProperty("name").GetString()!)],
            Cast: [.. credits.GetProperty("cast").EnumerateArray().Select(c => new SnapshotCastMember(
                PersonId: c.GetProperty("id").GetInt32(),
                Name: c.GetProperty("name").GetString()!,
                Character: OptionalString(c, "character"),
                Order: c.GetProperty("order").GetInt32(),
                Popularity: c.GetProperty("popularity").GetDouble()))],
            Crew: [.. credits.GetProperty("crew").EnumerateArray().Select(c => new SnapshotCrewMember(
                PersonId: c.GetProperty("id").GetInt32(),
                Name: c.GetProperty("name").GetString()!,
                Department: OptionalString(c, "department"),
                Job: OptionalString(c, "job"),
                Popularity: c.GetProperty("popularity").GetDouble()))]);
    }

    private static SnapshotPerson ReadPerson(JsonElement p) => new(
        Id: p.GetProperty("id").GetInt32(),
        Name: p.GetProperty("name").GetString()!,
        Gender: p.GetProperty("gender").GetInt32(),
        Popularity: p.GetProperty("popularity").GetDouble(),
        ProfilePath: OptionalString(p, "profile_path"),
        KnownForDepartment: OptionalString(p, "known_for_department"));

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void Add<T>(Dictionary<int, List<T>> index, int key, T item)
    {
        if (!index.TryGetValue(key, out var list))
            index[key] = list = [];
        list.Add(item);
    }
}

/// <summary>
/// A movie of the snapshot. <see cref="ReleaseDate"/> is "YYYY-MM-DD" as in the file, or null when the file
/// has none (null or empty); <see cref="Genres"/> are names in file order; <see cref="Cast"/> and
/// <see cref="Crew"/> are in file order (the cast is in billing order).
/// </summary>
public sealed record SnapshotMovie(
    int Id,
    string Title,
    string? OriginalTitle,
    string? ReleaseDate,
    double Popularity,
    double VoteAverage,
    int VoteCount,
    string? PosterPath,
    int? Runtime,
    string? Tagline,
    string? Overview,
    IReadOnlyList<string> Genres,
    IReadOnlyList<SnapshotCastMember> Cast,
    IReadOnlyList<SnapshotCrewMember> Crew);

/// <summary>One entry of a movie's <c>credits.cast</c>; <see cref="Popularity"/> is the entry's own (TMDB repeats the person's).</summary>
public sealed record SnapshotCastMember(int PersonId, string Name, string? Character, int Order, double Popularity);

/// <summary>One entry of a movie's <c>credits.crew</c>; <see cref="Popularity"/> is the entry's own.</summary>
public sealed record SnapshotCrewMember(int PersonId, string Name, string? Department, string? Job, double Popularity);

/// <summary>A person of the snapshot. <see cref="Gender"/> uses TMDB codes (0 unspecified, 1 female, 2 male, 3 non-binary).</summary>
public sealed record SnapshotPerson(int Id, string Name, int Gender, double Popularity, string? ProfilePath, string? KnownForDepartment);

/// <summary>An acting role of a person: the movie, the character played and the billing order.</summary>
public sealed record SnapshotActingCredit(int MovieId, string? Character, int Order);

/// <summary>A crew job of a person in a movie.</summary>
public sealed record SnapshotCrewCredit(int MovieId, string? Department, string? Job);
