using System.Buffers;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ActorSync.Tmdb.Models;

namespace ActorSync.Tmdb.Offline;

/// <summary>
/// The TMDB 5000 snapshot in memory: movies with credits, people, the person→credits index TMDB would
/// serve as <c>movie_credits</c>, and search indexes. Immutable once built, so it is shared freely.
/// </summary>
/// <remarks>
/// Kept compact because it lives for the whole process on a 512 MB instance: every repeated string (names,
/// characters, departments, jobs, paths) is one shared instance, made while parsing so no second copy ever
/// exists; people are rows in an array sorted by id, not objects; the role index is two flat arrays; search
/// keeps one folded string per entry. Answers are built from these exactly as TMDB's DTOs would read.
/// </remarks>
internal sealed class OfflineSnapshot
{
    public const string MoviesResource = "ActorSync.Tmdb.Offline.movies.jsonl.gz";
    public const string PeopleResource = "ActorSync.Tmdb.Offline.people.jsonl.gz";

    private static readonly TmdbPersonMovieCredits NoCredits = new();

    /// <summary>Movies in file order; <see cref="_movieIndex"/> finds one by id.</summary>
    private readonly MovieShelf _movies;
    private readonly Dictionary<int, int> _movieIndex;

    /// <summary>Ids of <see cref="_people"/>, ascending: a binary search finds a person's row.</summary>
    private readonly int[] _personIds;
    private readonly PersonTable _people;
    /// <summary>The few people with a field the rows do not keep (a biography, a birthday…), whole.</summary>
    private readonly Dictionary<int, TmdbPerson> _irregularPeople;

    /// <summary>Per person row, where their roles are: rows r's roles are <c>Roles[Start[r]..Start[r + 1]]</c>.</summary>
    private readonly RoleIndex _cast;
    /// <summary>Null when the snapshot was loaded without the crew (<see cref="OfflineContent.ReadByTheApi"/>).</summary>
    private readonly RoleIndex? _crew;

    /// <summary>Built on the first search: a comparison or a page of an actor does not need them.</summary>
    private readonly Lazy<SearchEntry[]> _peopleByPopularity;
    private readonly Lazy<SearchEntry[]> _moviesByPopularity;

    /// <summary>People (with their search words), most popular first, then by id.</summary>
    public IReadOnlyList<SearchEntry> PeopleByPopularity => _peopleByPopularity.Value;
    /// <summary>Movies (title and original title words), most popular first, then by id.</summary>
    public IReadOnlyList<SearchEntry> MoviesByPopularity => _moviesByPopularity.Value;

    /// <summary>A search entry: the id and its words (folded, see <see cref="SearchText"/>) joined by single spaces.</summary>
    public readonly record struct SearchEntry(int Id, string Words);

    /// <summary>
    /// A person as the file has them, minus what every person of the file has alike (no biography, birthday,
    /// deathday, place of birth, homepage, IMDb id, nor other names): 56 bytes instead of a 136-byte record.
    /// </summary>
    internal readonly record struct PersonRow(int Id, string Name, int? Gender, string? KnownForDepartment, double? Popularity, string? ProfilePath, bool Adult);

    internal readonly record struct RoleRef(int Movie, int Index);

    internal sealed class RoleIndex(int[] start, RoleRef[] roles)
    {
        public int[] Start => start;
        public RoleRef[] Roles => roles;
        public ReadOnlySpan<RoleRef> Of(int row) => roles.AsSpan(start[row], start[row + 1] - start[row]);
    }

    /// <summary>The parts as the compact snapshot stores them (<see cref="CompactSnapshot"/>), or as JSON loading builds them.</summary>
    internal OfflineSnapshot(MovieShelf movies, PersonTable people, Dictionary<int, TmdbPerson> irregularPeople, RoleIndex cast, RoleIndex? crew)
    {
        _movies = movies;
        _movieIndex = new Dictionary<int, int>(movies.Count);
        for (var m = 0; m < movies.Count; m++)
            _movieIndex.Add(movies.Ids[m], m);
        _people = people;
        _personIds = people.Ids;
        _irregularPeople = irregularPeople;
        _cast = cast;
        _crew = crew;
        _peopleByPopularity = new(() =>
        {
            var pool = new StringPool();
            return _people.All()
                .OrderByDescending(p => p.Popularity ?? 0).ThenBy(p => p.Id)
                .Select(p => new SearchEntry(p.Id, pool.Share(string.Join(' ', SearchText.Words(p.Name)))))
                .ToArray();
        }, LazyThreadSafetyMode.ExecutionAndPublication);
        _moviesByPopularity = new(() =>
        {
            var pool = new StringPool();
            return Enumerable.Range(0, _movies.Count)
                .OrderByDescending(m => _movies.Popularity[m] ?? 0).ThenBy(m => _movies.Ids[m])
                .Select(m => new SearchEntry(_movies.Ids[m], pool.Share(string.Join(' ', SearchText.Words(_movies.Titles[m]).Concat(SearchText.Words(_movies.OriginalTitles[m])).Distinct()))))
                .ToArray();
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>From the JSON files' DTOs: people become rows sorted by id, and the role indexes are built from the casts (and crews).</summary>
    private static OfflineSnapshot FromJson(List<TmdbPerson> people, List<TmdbMovie> movies, bool withCrew)
    {
        people.Sort((a, b) => a.Id.CompareTo(b.Id));
        var rows = new PersonRow[people.Count];
        var irregular = new Dictionary<int, TmdbPerson>();
        for (var i = 0; i < people.Count; i++)
        {
            var p = people[i];
            if (i > 0 && rows[i - 1].Id == p.Id)
                throw new InvalidDataException($"Person {p.Id} appears twice in {PeopleResource}.");
            rows[i] = new PersonRow(p.Id, p.Name, p.Gender, p.KnownForDepartment, p.Popularity, p.ProfilePath, p.Adult);
            if (!IsRegular(p))
                irregular[p.Id] = p;
        }
        var shelf = new MovieShelf([.. movies]);
        var personIds = Array.ConvertAll(rows, r => r.Id);
        var cast = BuildRoleIndex(shelf, personIds, m => m.Credits?.Cast, (m, i) => m.Credits!.Cast[i].Id);
        var crew = withCrew ? BuildRoleIndex(shelf, personIds, m => m.Credits?.Crew, (m, i) => m.Credits!.Crew[i].Id) : null;
        return new OfflineSnapshot(shelf, new PersonTable(rows), irregular, cast, crew);
    }

    internal MovieShelf Movies => _movies;
    internal PersonTable People => _people;
    internal Dictionary<int, TmdbPerson> IrregularPeople => _irregularPeople;
    internal RoleIndex Cast => _cast;
    internal bool HasCrew => _crew is not null;

    /// <summary>The movie as TMDB's <c>/movie/{id}?append_to_response=credits</c> reads, or null.</summary>
    public TmdbMovie? Movie(int movieId) => _movieIndex.TryGetValue(movieId, out var m) ? _movies[m] : null;

    /// <summary>A result of <c>/search/movie</c> for a movie of the snapshot.</summary>
    public TmdbMovieSearchResult MovieSearchResult(int movieId)
    {
        var m = _movieIndex[movieId];
        var movie = _movies[m];
        return new TmdbMovieSearchResult { Id = movie.Id, Title = movie.Title }.WithMovie(movie, _movies.GenreIds(m));
    }

    /// <summary>The person as TMDB's <c>/person/{id}</c> reads (without <c>movie_credits</c>), or null.</summary>
    public TmdbPerson? Person(int personId)
    {
        var row = Array.BinarySearch(_personIds, personId);
        if (row < 0)
            return null;
        if (_irregularPeople.TryGetValue(personId, out var irregular))
            return irregular;
        var p = _people[row];
        return new TmdbPerson
        {
            Id = p.Id, Name = p.Name, AlsoKnownAs = [], Biography = "", Gender = p.Gender, KnownForDepartment = p.KnownForDepartment,
            Popularity = p.Popularity, ProfilePath = p.ProfilePath, Adult = p.Adult,
        };
    }

    /// <summary>A person's <c>movie_credits</c>, as TMDB derives them from the movies' casts and crews.</summary>
    public TmdbPersonMovieCredits CreditsOf(int personId)
    {
        var row = Array.BinarySearch(_personIds, personId);
        if (row < 0)
            return NoCredits;
        var castRoles = _cast.Of(row);
        var crewRoles = _crew is null ? default : _crew.Of(row);
        if (castRoles.IsEmpty && crewRoles.IsEmpty)
            return NoCredits;
        var cast = new List<TmdbPersonCastCredit>(castRoles.Length);
        foreach (var r in castRoles)
            cast.Add(CastCredit(r.Movie, _movies[r.Movie].Credits!.Cast[r.Index]));
        var crew = new List<TmdbPersonCrewCredit>(crewRoles.Length);
        foreach (var r in crewRoles)
            crew.Add(CrewCredit(r.Movie, _movies[r.Movie].Credits!.Crew[r.Index]));
        return new TmdbPersonMovieCredits { Cast = cast, Crew = crew };
    }

    private TmdbPersonCastCredit CastCredit(int movieIndex, TmdbCastMember member)
    {
        var movie = _movies[movieIndex];
        return new TmdbPersonCastCredit { Id = movie.Id, Title = movie.Title, Character = member.Character, Order = member.Order, CreditId = member.CreditId }
            .WithMovie(movie, _movies.GenreIds(movieIndex));
    }

    private TmdbPersonCrewCredit CrewCredit(int movieIndex, TmdbCrewMember member)
    {
        var movie = _movies[movieIndex];
        return new TmdbPersonCrewCredit { Id = movie.Id, Title = movie.Title, Department = member.Department, Job = member.Job, CreditId = member.CreditId }
            .WithMovie(movie, _movies.GenreIds(movieIndex));
    }

    /// <summary>Whether the person has nothing but what a <see cref="PersonRow"/> keeps (as every person of the file does).</summary>
    private static bool IsRegular(TmdbPerson p) =>
        p.AlsoKnownAs is { Count: 0 } && p.Biography == "" && p.Birthday is null && p.Deathday is null && p.PlaceOfBirth is null
        && p.ImdbId is null && p.Homepage is null && p.MovieCredits is null;

    /// <summary>
    /// Roles per person row, in the order the old per-person lists had them: by movie (file order), then by
    /// position in the movie's cast or crew. Roles of ids that are not in the people file are unreachable and left out.
    /// </summary>
    private static RoleIndex BuildRoleIndex<TMember>(MovieShelf movies, int[] personIds, Func<TmdbMovie, IReadOnlyList<TMember>?> members, Func<TmdbMovie, int, int> personIdOf)
    {
        var start = new int[personIds.Length + 1];
        for (var m = 0; m < movies.Count; m++)
        {
            var count = members(movies[m])?.Count ?? 0;
            for (var i = 0; i < count; i++)
            {
                var row = Array.BinarySearch(personIds, personIdOf(movies[m], i));
                if (row >= 0)
                    start[row + 1]++;
            }
        }
        for (var r = 0; r < personIds.Length; r++)
            start[r + 1] += start[r];
        var roles = new RoleRef[start[personIds.Length]];
        var next = start[..^1];
        for (var m = 0; m < movies.Count; m++)
        {
            var count = members(movies[m])?.Count ?? 0;
            for (var i = 0; i < count; i++)
            {
                var row = Array.BinarySearch(personIds, personIdOf(movies[m], i));
                if (row >= 0)
                    roles[next[row]++] = new RoleRef(m, i);
            }
        }
        return new RoleIndex(start, roles);
    }

    public static OfflineSnapshot LoadEmbedded(OfflineContent content)
    {
        var assembly = typeof(OfflineSnapshot).Assembly;
        // One pool for both files, so a person's name is one string in the people and in every cast. The files
        // are read one after the other: in parallel, both parses' garbage would be alive at once.
        var pool = new StringPool();
        var options = new JsonSerializerOptions(TmdbJsonContext.Default.Options) { Converters = { new PooledStringConverter(pool) } };
        var withCrew = content == OfflineContent.Complete;
        if (!withCrew)
            options.TypeInfoResolver = TmdbJsonContext.Default.WithAddedModifier(SkipWhatTheApiNeverReads);
        var people = ReadLines(assembly, PeopleResource, (JsonTypeInfo<TmdbPerson>)options.GetTypeInfo(typeof(TmdbPerson)));
        var movies = ReadLines(assembly, MoviesResource, (JsonTypeInfo<TmdbMovie>)options.GetTypeInfo(typeof(TmdbMovie)));
        return FromJson(people, movies, withCrew);
    }

    /// <summary>
    /// Reads a movie's crew as empty and a cast member's credit id as null without building them (the properties stay:
    /// the serializer's generated constructors bind every one). A cast member's popularity stays (a value in a field the
    /// entry has anyway): co-stars and shared casts are ranked by it.
    /// </summary>
    private static void SkipWhatTheApiNeverReads(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (typeInfo.Type == typeof(TmdbMovieCredits) && property.Name == "crew")
                property.CustomConverter = new SkippedListConverter<TmdbCrewMember>();
            else if (typeInfo.Type == typeof(TmdbCastMember) && property.Name == "credit_id")
                property.CustomConverter = new SkippedStringConverter();
        }
    }

    /// <summary>Deserializes each non-empty line of a gzipped JSON-lines resource, from UTF-8 bytes (no line strings).</summary>
    private static List<T> ReadLines<T>(Assembly assembly, string resource, JsonTypeInfo<T> typeInfo)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The offline snapshot resource {resource} is missing from {assembly.GetName().Name}.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        var items = new List<T>();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = gzip.Read(buffer, filled, buffer.Length - filled);
                var end = filled + read;
                var consumed = 0;
                while (true)
                {
                    var newline = buffer.AsSpan(consumed, end - consumed).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        if (read > 0)
                            break;
                        newline = end - consumed; // the last line, without a newline
                    }
                    Add(buffer.AsSpan(consumed, newline));
                    consumed += newline + 1;
                    if (consumed >= end)
                        break;
                }
                if (read == 0)
                    break;
                consumed = Math.Min(consumed, end);
                buffer.AsSpan(consumed, end - consumed).CopyTo(buffer);
                filled = end - consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (stream is UnmanagedMemoryStream mapped)
            ResidentPages.Release(mapped);
        return items;

        void Add(ReadOnlySpan<byte> line)
        {
            if (line.Length > 0 && line[^1] == (byte)'\r')
                line = line[..^1];
            if (line.Length == 0)
                return;
            items.Add(JsonSerializer.Deserialize(line, typeInfo) ?? throw new InvalidDataException($"A null line in {resource}."));
        }
    }
}

/// <summary>Reads a JSON array as an empty list without building its items: for what a snapshot leaves out.</summary>
internal sealed class SkippedListConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        reader.Skip();
        return [];
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("A skipped list is only read.");
}

/// <summary>Reads a JSON string as null without making it: for what a snapshot leaves out.</summary>
internal sealed class SkippedStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => null;

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("A skipped value is only read.");
}

/// <summary>Movie list items (credits, search results) as TMDB builds them from a movie.</summary>
internal static class MovieListItems
{
    /// <summary>Fills the fields TMDB repeats wherever it lists a movie (credits, search results) from the movie itself.</summary>
    internal static T WithMovie<T>(this T item, TmdbMovie movie, IReadOnlyList<int> genreIds) where T : TmdbMovieListItem =>
        (T)((TmdbMovieListItem)item with
        {
            Id = movie.Id, Title = movie.Title, OriginalTitle = movie.OriginalTitle,
            OriginalLanguage = movie.OriginalLanguage, Overview = movie.Overview,
            ReleaseDate = movie.ReleaseDate, GenreIds = genreIds,
            VoteAverage = movie.VoteAverage, VoteCount = movie.VoteCount, Popularity = movie.Popularity,
            PosterPath = movie.PosterPath, BackdropPath = movie.BackdropPath, Adult = movie.Adult,
        });
}
