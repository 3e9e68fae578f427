using ActorSync.Tmdb.Models;

namespace ActorSync.Tmdb.Offline;

/// <summary>
/// Answers TMDB calls from the bundled TMDB 5000 snapshot, in TMDB's own shapes. The snapshot is loaded once per
/// process and <see cref="OfflineContent"/>, lazily and thread-safely, on first use (or by <see cref="WarmUp"/>).
/// </summary>
/// <param name="content">What the answers carry: everything TMDB sends (the default), or what the API reads.</param>
public sealed class OfflineTmdbClient(OfflineContent content = OfflineContent.Complete) : ITmdbClient
{
    public const int PageSize = 20;

    /// <summary>TMDB serves at most 500 pages of any search.</summary>
    public const int MaxPage = 500;

    private static readonly Lazy<OfflineSnapshot> CompleteSnapshot =
        new(() => OfflineSnapshot.LoadEmbedded(OfflineContent.Complete), LazyThreadSafetyMode.ExecutionAndPublication);
    /// <summary>The compact form (milliseconds to load, movies built on first use); the JSON when a build has none.</summary>
    private static readonly Lazy<OfflineSnapshot> ApiSnapshot =
        new(() => CompactSnapshot.LoadEmbedded() ?? OfflineSnapshot.LoadEmbedded(OfflineContent.ReadByTheApi), LazyThreadSafetyMode.ExecutionAndPublication);

    public OfflineContent Content => content;

    internal OfflineSnapshot Snapshot => (content == OfflineContent.Complete ? CompleteSnapshot : ApiSnapshot).Value;

    /// <summary>Whether this client's snapshot is loaded (a request would otherwise wait for it).</summary>
    public bool IsLoaded => (content == OfflineContent.Complete ? CompleteSnapshot : ApiSnapshot).IsValueCreated;

    /// <summary>Loads this client's snapshot now, so the first request does not pay for it.</summary>
    public void WarmUp() => _ = Snapshot;

    public Task<TmdbPerson?> GetPersonAsync(int personId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = Snapshot;
        var person = snapshot.Person(personId) is { } p ? p with { MovieCredits = snapshot.CreditsOf(personId) } : null;
        return Task.FromResult(person);
    }

    public Task<TmdbMovie?> GetMovieAsync(int movieId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Snapshot.Movie(movieId));
    }

    public Task<TmdbSearchPage<TmdbPersonSearchResult>> SearchPeopleAsync(string query, int page, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = Snapshot;
        return Task.FromResult(Search(snapshot.PeopleByPopularity, query, page, id => ToSearchResult(snapshot, snapshot.Person(id)!)));
    }

    public Task<TmdbSearchPage<TmdbMovieSearchResult>> SearchMoviesAsync(string query, int page, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = Snapshot;
        return Task.FromResult(Search(snapshot.MoviesByPopularity, query, page, snapshot.MovieSearchResult));
    }

    public Task<TmdbConfiguration> GetConfigurationAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Configuration);

    private static readonly TmdbConfiguration Configuration = new()
    {
        Images = new TmdbImageConfiguration
        {
            BaseUrl = "http://image.tmdb.org/t/p/",
            SecureBaseUrl = TmdbOptions.DefaultImageBaseUrl,
            PosterSizes = ["w92", "w154", "w185", "w342", "w500", "w780", "original"],
            ProfileSizes = ["w45", "w185", "h632", "original"],
        },
    };

    private static TmdbSearchPage<T> Search<T>(IReadOnlyList<OfflineSnapshot.SearchEntry> entries, string query, int page, Func<int, T> toResult)
    {
        if (page is < 1 or > MaxPage)
            throw new TmdbException($"page must be between 1 and {MaxPage}.", httpStatus: 422, statusCode: 22, statusMessage: "Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.");

        var words = SearchText.Words(query);
        var matches = new List<int>();
        if (words.Length > 0)
        {
            foreach (var entry in entries)
            {
                if (SearchText.Matches(words, entry.Words))
                    matches.Add(entry.Id);
            }
        }

        var results = matches.Skip((page - 1) * PageSize).Take(PageSize).Select(toResult).ToArray();
        return new TmdbSearchPage<T>
        {
            Page = page,
            Results = results,
            TotalResults = matches.Count,
            TotalPages = (matches.Count + PageSize - 1) / PageSize,
        };
    }

    private static TmdbPersonSearchResult ToSearchResult(OfflineSnapshot snapshot, TmdbPerson person) => new()
    {
        Id = person.Id,
        Name = person.Name,
        OriginalName = person.Name,
        Gender = person.Gender,
        KnownForDepartment = person.KnownForDepartment,
        Popularity = person.Popularity,
        ProfilePath = person.ProfilePath,
        Adult = person.Adult,
        // TMDB lists a person's three best-known works; offline, their three most popular acting credits.
        KnownFor = snapshot.CreditsOf(person.Id).Cast
            .DistinctBy(c => c.Id)
            .OrderByDescending(c => c.Popularity ?? 0).ThenBy(c => c.Id)
            .Take(3)
            .Select(c => new TmdbKnownForItem
            {
                Id = c.Id, MediaType = "movie", Title = c.Title, ReleaseDate = c.ReleaseDate,
                Popularity = c.Popularity, PosterPath = c.PosterPath,
            })
            .ToArray(),
    };
}

/// <summary>How much of TMDB's answers an <see cref="OfflineTmdbClient"/> carries.</summary>
public enum OfflineContent
{
    /// <summary>Everything the snapshot has, as TMDB sends it (the TMDB emulator, tests).</summary>
    Complete,

    /// <summary>
    /// What ActorSync's schema reads: credits without the crew (129,581 of the snapshot's 235,838 credits) and without
    /// credit ids (a unique string per cast credit). Neither is parsed nor kept; everything else reads as
    /// <see cref="Complete"/>, so every GraphQL answer is the same.
    /// </summary>
    ReadByTheApi,
}
