using System.Text.Json;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Models;
using ActorSync.Tmdb.Offline;

namespace ActorSync.GraphQL.Tests.Tmdb;

public sealed class OfflineTmdbClientTests
{
    private const int PageSize = 20;
    private const string NoMatch = "zzzzqx";

    private static SnapshotOracle Oracle => SnapshotOracle.Instance;

    private readonly OfflineTmdbClient _client = new();
    private readonly OfflineTmdbClient _apiContent = new(OfflineContent.ReadByTheApi);

    public static TheoryData<int> SampledActors()
    {
        var actors = Oracle.Actors.Order().ToArray();
        var mostProlific = actors.OrderByDescending(id => Oracle.ActingCredits(id).Count).ThenBy(id => id).Take(5);
        var random = new Random(20240611);
        var sample = Enumerable.Range(0, 5).Select(_ => actors[random.Next(actors.Length)]);
        // Someone with several roles in one movie: each role is a credit of its own.
        var multipleRoles = actors
            .Select(id => (Id: id, Roles: Oracle.ActingCredits(id).GroupBy(c => c.MovieId).Max(g => g.Count())))
            .Where(a => a.Roles > 1)
            .OrderByDescending(a => a.Roles).ThenBy(a => a.Id)
            .First().Id;
        return [.. mostProlific.Concat(sample).Append(multipleRoles).Distinct()];
    }

    public static TheoryData<int> SampledCrewMembers()
    {
        var crew = Oracle.CrewMembers.Order().ToArray();
        var mostProlific = crew.OrderByDescending(id => Oracle.CrewCredits(id).Count).ThenBy(id => id).Take(3);
        var random = new Random(777);
        var sample = Enumerable.Range(0, 3).Select(_ => crew[random.Next(crew.Length)]);
        return [.. mostProlific.Concat(sample).Distinct()];
    }

    public static TheoryData<int> SampledMovies()
    {
        var movies = Oracle.Movies.Keys.Order().ToArray();
        var largestCast = Oracle.Movies.Values.OrderByDescending(m => m.Cast.Count).ThenBy(m => m.Id).First().Id;
        var random = new Random(4803);
        var sample = Enumerable.Range(0, 8).Select(_ => movies[random.Next(movies.Length)]);
        return [.. sample.Prepend(largestCast).Distinct()];
    }

    [Theory]
    [MemberData(nameof(SampledActors))]
    public async Task A_persons_cast_credits_are_the_inverse_of_the_movies_casts(int personId)
    {
        var person = await _client.GetPersonAsync(personId);

        Assert.NotNull(person);
        Assert.NotNull(person.MovieCredits);
        var expected = Oracle.ActingCredits(personId)
            .Select(c => (c.MovieId, c.Character, Order: (int?)c.Order))
            .Order()
            .ToArray();
        var actual = person.MovieCredits.Cast
            .Select(c => (MovieId: c.Id, c.Character, c.Order))
            .Order()
            .ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(SampledActors))]
    public async Task A_persons_cast_credits_carry_the_movies_own_details(int personId)
    {
        var person = await _client.GetPersonAsync(personId);

        Assert.NotNull(person?.MovieCredits);
        Assert.All(person.MovieCredits.Cast, credit =>
        {
            var movie = Oracle.Movies[credit.Id];
            Assert.Equal(movie.Title, credit.Title);
            Assert.Equal(movie.Popularity, credit.Popularity);
            Assert.Equal(movie.ReleaseDate, string.IsNullOrEmpty(credit.ReleaseDate) ? null : credit.ReleaseDate);
            Assert.Equal(movie.PosterPath, credit.PosterPath);
        });
    }

    [Theory]
    [MemberData(nameof(SampledCrewMembers))]
    public async Task A_persons_crew_credits_are_the_inverse_of_the_movies_crews(int personId)
    {
        var person = await _client.GetPersonAsync(personId);

        Assert.NotNull(person?.MovieCredits);
        var expected = Oracle.CrewCredits(personId).Select(c => (c.MovieId, c.Department, c.Job)).Order().ToArray();
        var actual = person.MovieCredits.Crew.Select(c => (MovieId: c.Id, c.Department, c.Job)).Order().ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(SampledActors))]
    public async Task A_persons_details_are_those_of_the_file(int personId)
    {
        var person = await _client.GetPersonAsync(personId);

        var expected = Oracle.People[personId];
        Assert.NotNull(person);
        Assert.Equal(expected.Id, person.Id);
        Assert.Equal(expected.Name, person.Name);
        Assert.Equal(expected.Gender, person.Gender);
        Assert.Equal(expected.Popularity, person.Popularity);
        Assert.Equal(expected.ProfilePath, person.ProfilePath);
        Assert.Equal(expected.KnownForDepartment, person.KnownForDepartment);
    }

    [Theory]
    [MemberData(nameof(SampledMovies))]
    public async Task A_movies_cast_is_in_the_files_order(int movieId)
    {
        var movie = await _client.GetMovieAsync(movieId);

        Assert.NotNull(movie?.Credits);
        var expected = Oracle.Movies[movieId].Cast.Select(c => (c.PersonId, c.Name, c.Character, c.Order)).ToArray();
        var actual = movie.Credits.Cast.Select(c => (PersonId: c.Id, c.Name, c.Character, c.Order)).ToArray();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(SampledMovies))]
    public async Task A_movies_details_are_those_of_the_file(int movieId)
    {
        var movie = await _client.GetMovieAsync(movieId);

        var expected = Oracle.Movies[movieId];
        Assert.NotNull(movie);
        Assert.Equal(expected.Id, movie.Id);
        Assert.Equal(expected.Title, movie.Title);
        Assert.Equal(expected.OriginalTitle, movie.OriginalTitle);
        Assert.Equal(expected.ReleaseDate, string.IsNullOrEmpty(movie.ReleaseDate) ? null : movie.ReleaseDate);
        Assert.Equal(expected.Popularity, movie.Popularity);
        Assert.Equal(expected.VoteAverage, movie.VoteAverage);
        Assert.Equal(expected.VoteCount, movie.VoteCount);
        Assert.Equal(expected.PosterPath, movie.PosterPath);
        Assert.Equal(expected.Runtime, movie.Runtime);
        Assert.Equal(expected.Tagline, movie.Tagline);
        Assert.Equal(expected.Overview, movie.Overview);
        Assert.Equal(expected.Genres, movie.Genres?.Select(g => g.Name));
        Assert.Equal(expected.Crew.Count, movie.Credits?.Crew.Count);
    }

    [Theory]
    [MemberData(nameof(SampledMovies))]
    public async Task A_movies_cast_and_crew_entries_carry_the_popularity_of_the_file_which_is_the_persons(int movieId)
    {
        var movie = await _client.GetMovieAsync(movieId);
        var trimmed = await _apiContent.GetMovieAsync(movieId);

        var expected = Oracle.Movies[movieId];
        Assert.NotNull(movie?.Credits);
        Assert.NotNull(trimmed?.Credits);
        Assert.Equal(expected.Cast.Select(c => (double?)c.Popularity), movie.Credits.Cast.Select(c => c.Popularity));
        Assert.Equal(expected.Crew.Select(c => (double?)c.Popularity), movie.Credits.Crew.Select(c => c.Popularity));
        // What the API reads keeps it: rankings of co-stars and shared casts read it instead of each person.
        Assert.Equal(expected.Cast.Select(c => (double?)c.Popularity), trimmed.Credits.Cast.Select(c => c.Popularity));
        // TMDB repeats the person's popularity in their credits, and so does the snapshot.
        Assert.All(expected.Cast, c => Assert.Equal(Oracle.People[c.PersonId].Popularity, c.Popularity));
    }

    [Fact]
    public async Task Unknown_ids_are_null()
    {
        var unknownPerson = Oracle.People.Keys.Max() + 1;
        var unknownMovie = Oracle.Movies.Keys.Max() + 1;

        Assert.Null(await _client.GetPersonAsync(unknownPerson));
        Assert.Null(await _client.GetMovieAsync(unknownMovie));
        Assert.Null(await _client.GetPersonAsync(0));
        Assert.Null(await _client.GetMovieAsync(-1));
        // An id that is a person but not a movie, and the other way round.
        var personOnly = Oracle.People.Keys.Order().First(id => !Oracle.Movies.ContainsKey(id));
        var movieOnly = Oracle.Movies.Keys.Order().First(id => !Oracle.People.ContainsKey(id));
        Assert.Null(await _client.GetMovieAsync(personOnly));
        Assert.Null(await _client.GetPersonAsync(movieOnly));
    }

    [Fact]
    public async Task A_cancelled_token_cancels_every_call()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var personId = Oracle.Actors.First();
        var movieId = Oracle.Movies.Keys.First();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.GetPersonAsync(personId, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.GetMovieAsync(movieId, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.SearchPeopleAsync("tom", 1, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.SearchMoviesAsync("the", 1, cts.Token));
    }

    [Fact]
    public async Task Searching_tom_ha_finds_Tom_Hanks_and_only_names_with_words_starting_tom_and_ha()
    {
        var tomHanks = Oracle.People.Values.Where(p => p.Name == "Tom Hanks").OrderByDescending(p => p.Popularity).First();

        var results = await AllPeopleAsync("tom ha");

        Assert.Contains(tomHanks.Id, results.Select(r => r.Id));
        Assert.All(results, r =>
        {
            var words = SnapshotOracle.Words(r.Name);
            Assert.Contains(words, w => w.StartsWith("tom", StringComparison.Ordinal));
            Assert.Contains(words, w => w.StartsWith("ha", StringComparison.Ordinal));
        });
        Assert.Equal(Oracle.SearchPeople("tom ha"), results.Select(r => r.Id));
    }

    [Fact]
    public async Task Person_search_ignores_case_and_accents()
    {
        // The most popular person with an "é" inside a word of their name, searched by that word's unaccented,
        // lower-case prefix reaching one letter past the "e" (so a name split at the accent would not match).
        static bool HasInnerE(string word)
        {
            var i = word.IndexOf('é', StringComparison.Ordinal);
            return i >= 0 && i + 1 < word.Length && char.IsLetter(word[i + 1]);
        }

        var person = Oracle.People.Values
            .Where(p => p.Name.Split(' ').Any(HasInnerE))
            .OrderByDescending(p => p.Popularity).ThenBy(p => p.Id)
            .First();
        var accentedWord = person.Name.Split(' ').First(HasInnerE);
        var prefix = accentedWord[..(accentedWord.IndexOf('é', StringComparison.Ordinal) + 2)].ToLowerInvariant().Replace('é', 'e');
        var otherWords = person.Name.Split(' ').Where(w => w != accentedWord).Select(w => w.ToLowerInvariant());
        var query = string.Join(' ', otherWords.Prepend(prefix));
        Assert.DoesNotContain('é', query);

        var results = await AllPeopleAsync(query);
        var shouted = await AllPeopleAsync(person.Name.ToUpperInvariant());

        Assert.Contains(person.Id, results.Select(r => r.Id));
        Assert.Contains(person.Id, shouted.Select(r => r.Id));
        Assert.Equal(Oracle.SearchPeople(query), results.Select(r => r.Id));
    }

    [Theory]
    [InlineData("tom ha")]
    [InlineData("john")]
    [InlineData("JOHN SMITH")]
    [InlineData("o'b")]
    [InlineData("ren zell")]
    [InlineData("jose")]
    [InlineData("penelope")]
    [InlineData("bjork")]
    [InlineData("zoe")]
    [InlineData(NoMatch)]
    public async Task Person_search_pages_and_totals_agree_with_the_snapshot(string query)
    {
        var expected = Oracle.SearchPeople(query);
        Assert.Equal(query == NoMatch, expected.Count == 0);

        await AssertPagedAsync(expected, page => _client.SearchPeopleAsync(query, page), r => r.Id);
    }

    [Theory]
    [InlineData("star wars")]
    [InlineData("the")]
    [InlineData("AMÉLIE")]
    [InlineData("amelie")]
    [InlineData("pokemon")]
    [InlineData("man")]
    [InlineData(NoMatch)]
    public async Task Movie_search_pages_and_totals_agree_with_the_snapshot(string query)
    {
        var expected = Oracle.SearchMovies(query);
        Assert.Equal(query == NoMatch, expected.Count == 0);

        await AssertPagedAsync(expected, page => _client.SearchMoviesAsync(query, page), r => r.Id);
    }

    [Fact]
    public async Task Person_search_is_ordered_by_popularity_then_id()
    {
        var results = await AllPeopleAsync("john");

        Assert.True(results.Count > PageSize);
        var keys = results.Select(r => (Popularity: Oracle.People[r.Id].Popularity, r.Id)).ToArray();
        var sorted = keys.OrderByDescending(k => k.Popularity).ThenBy(k => k.Id).ToArray();
        Assert.Equal(sorted, keys);
        Assert.Equal(results.Select(r => Oracle.People[r.Id].Popularity), results.Select(r => r.Popularity ?? double.NaN));
    }

    [Fact]
    public async Task Movie_search_is_ordered_by_popularity_then_id()
    {
        var results = await AllMoviesAsync("the");

        Assert.True(results.Count > PageSize);
        var keys = results.Select(r => (Popularity: Oracle.Movies[r.Id].Popularity, r.Id)).ToArray();
        var sorted = keys.OrderByDescending(k => k.Popularity).ThenBy(k => k.Id).ToArray();
        Assert.Equal(sorted, keys);
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_with_the_same_totals()
    {
        var first = await _client.SearchPeopleAsync("tom", 1);
        Assert.True(first.TotalPages < OfflineTmdbClient.MaxPage);

        var past = await _client.SearchPeopleAsync("tom", first.TotalPages + 1);

        Assert.Empty(past.Results);
        Assert.Equal(first.TotalPages + 1, past.Page);
        Assert.Equal(first.TotalResults, past.TotalResults);
        Assert.Equal(first.TotalPages, past.TotalPages);
        var lastMovies = await _client.SearchMoviesAsync("star", OfflineTmdbClient.MaxPage);
        Assert.Empty(lastMovies.Results);
        Assert.Equal(Oracle.SearchMovies("star").Count, lastMovies.TotalResults);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(501)]
    [InlineData(int.MaxValue)]
    public async Task A_page_outside_1_to_500_throws_a_TmdbException(int page)
    {
        await Assert.ThrowsAsync<TmdbException>(() => _client.SearchPeopleAsync("tom", page));
        await Assert.ThrowsAsync<TmdbException>(() => _client.SearchMoviesAsync("star", page));
    }

    [Fact]
    public async Task Pages_1_and_500_are_allowed()
    {
        Assert.Equal(1, (await _client.SearchPeopleAsync("tom", 1)).Page);
        Assert.Equal(500, (await _client.SearchPeopleAsync("tom", 500)).Page);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-- !! --")]
    public async Task A_query_without_words_finds_nothing(string query)
    {
        var people = await _client.SearchPeopleAsync(query, 1);
        var movies = await _client.SearchMoviesAsync(query, 1);

        Assert.Empty(people.Results);
        Assert.Equal(0, people.TotalResults);
        Assert.Equal(0, people.TotalPages);
        Assert.Empty(movies.Results);
        Assert.Equal(0, movies.TotalResults);
    }

    [Fact]
    public async Task Movie_search_also_matches_the_original_title()
    {
        // The most popular movie with an original-title word that no word of its title starts with.
        var (movie, word) = Oracle.Movies.Values
            .OrderByDescending(m => m.Popularity).ThenBy(m => m.Id)
            .SelectMany(m => SnapshotOracle.Words(m.OriginalTitle)
                .Where(w => !SnapshotOracle.Words(m.Title).Any(t => t.StartsWith(w, StringComparison.Ordinal)))
                .Select(w => (Movie: m, Word: w)))
            .First();

        var results = await AllMoviesAsync(word);

        Assert.Contains(movie.Id, results.Select(r => r.Id));
        Assert.Equal(Oracle.SearchMovies(word), results.Select(r => r.Id));
    }

    [Fact]
    public async Task Movie_search_results_carry_the_movies_details()
    {
        var page = await _client.SearchMoviesAsync("star", 1);

        Assert.NotEmpty(page.Results);
        Assert.All(page.Results, r =>
        {
            var movie = Oracle.Movies[r.Id];
            Assert.Equal(movie.Title, r.Title);
            Assert.Equal(movie.OriginalTitle, r.OriginalTitle);
            Assert.Equal(movie.Popularity, r.Popularity);
            Assert.Equal(movie.VoteCount, r.VoteCount);
            Assert.Equal(movie.PosterPath, r.PosterPath);
        });
    }

    [Theory]
    [InlineData("tom")]
    [InlineData("john")]
    [InlineData("penelope")]
    public async Task Person_search_results_carry_up_to_three_known_for_movies_most_popular_first(string query)
    {
        var page = await _client.SearchPeopleAsync(query, 1);

        Assert.NotEmpty(page.Results);
        Assert.All(page.Results, r =>
        {
            Assert.NotNull(r.KnownFor);
            Assert.True(r.KnownFor.Count <= 3);
            Assert.Equal(Oracle.KnownFor(r.Id), r.KnownFor.Select(k => k.Id));
            Assert.All(r.KnownFor, k =>
            {
                Assert.Equal("movie", k.MediaType);
                Assert.Equal(Oracle.Movies[k.Id].Title, k.Title);
                Assert.Equal(Oracle.Movies[k.Id].Popularity, k.Popularity);
            });
            var popularity = r.KnownFor.Select(k => k.Popularity ?? 0).ToArray();
            Assert.Equal(popularity.OrderDescending(), popularity);
        });
        Assert.Contains(page.Results, r => r.KnownFor!.Count == 3);
    }

    [Fact]
    public async Task A_crew_only_person_is_known_for_nothing()
    {
        var crewOnly = Oracle.CrewMembers.Except(Oracle.Actors)
            .Select(id => Oracle.People[id])
            .OrderByDescending(p => p.Popularity).ThenBy(p => p.Id)
            .First(p => Oracle.SearchPeople(p.Name).Count <= PageSize);

        var page = await _client.SearchPeopleAsync(crewOnly.Name, 1);

        var result = Assert.Single(page.Results, r => r.Id == crewOnly.Id);
        Assert.NotNull(result.KnownFor);
        Assert.Empty(result.KnownFor);
    }

    [Fact]
    public async Task Person_search_results_carry_the_persons_details()
    {
        var page = await _client.SearchPeopleAsync("tom", 1);

        Assert.NotEmpty(page.Results);
        Assert.All(page.Results, r =>
        {
            var person = Oracle.People[r.Id];
            Assert.Equal(person.Name, r.Name);
            Assert.Equal(person.Gender, r.Gender);
            Assert.Equal(person.Popularity, r.Popularity);
            Assert.Equal(person.ProfilePath, r.ProfilePath);
            Assert.Equal(person.KnownForDepartment, r.KnownForDepartment);
        });
    }

    private async Task<List<TmdbPersonSearchResult>> AllPeopleAsync(string query) =>
        await AllPagesAsync(page => _client.SearchPeopleAsync(query, page));

    private async Task<List<TmdbMovieSearchResult>> AllMoviesAsync(string query) =>
        await AllPagesAsync(page => _client.SearchMoviesAsync(query, page));

    private static async Task<List<T>> AllPagesAsync<T>(Func<int, Task<TmdbSearchPage<T>>> search)
    {
        var first = await search(1);
        Assert.True(first.TotalPages <= OfflineTmdbClient.MaxPage, "The query matches more than the pages one may read.");
        var results = new List<T>(first.Results);
        for (var page = 2; page <= first.TotalPages; page++)
            results.AddRange((await search(page)).Results);
        return results;
    }

    // --- what the API reads (its snapshot leaves out crews and credit ids) ----------------------------------

    [Fact]
    public void A_client_is_complete_unless_told_otherwise()
    {
        Assert.Equal(OfflineContent.Complete, _client.Content);
        Assert.Equal(OfflineContent.ReadByTheApi, _apiContent.Content);
    }

    [Theory]
    [MemberData(nameof(SampledActors))]
    [MemberData(nameof(SampledCrewMembers))]
    public async Task With_what_the_API_reads_a_person_is_the_complete_one_without_crew_and_credit_ids(int personId)
    {
        var complete = (await _client.GetPersonAsync(personId))!;
        var trimmed = (await _apiContent.GetPersonAsync(personId))!;

        Assert.NotNull(trimmed.MovieCredits);
        Assert.Empty(trimmed.MovieCredits.Crew);
        Assert.All(trimmed.MovieCredits.Cast, credit => Assert.Null(credit.CreditId));
        var expected = complete with
        {
            MovieCredits = complete.MovieCredits! with
            {
                Cast = [.. complete.MovieCredits.Cast.Select(c => c with { CreditId = null })],
                Crew = [],
            },
        };
        Assert.Equal(
            JsonSerializer.Serialize(expected, TmdbJsonContext.Default.TmdbPerson),
            JsonSerializer.Serialize(trimmed, TmdbJsonContext.Default.TmdbPerson));
    }

    [Theory]
    [MemberData(nameof(SampledMovies))]
    public async Task With_what_the_API_reads_a_movie_is_the_complete_one_without_crew_and_credit_ids(int movieId)
    {
        var complete = (await _client.GetMovieAsync(movieId))!;
        var trimmed = (await _apiContent.GetMovieAsync(movieId))!;

        Assert.Empty(trimmed.Credits!.Crew);
        Assert.All(trimmed.Credits.Cast, member => Assert.Null(member.CreditId));
        var expected = complete with
        {
            Credits = complete.Credits! with { Cast = [.. complete.Credits.Cast.Select(m => m with { CreditId = null })], Crew = [] },
        };
        Assert.Equal(
            JsonSerializer.Serialize(expected, TmdbJsonContext.Default.TmdbMovie),
            JsonSerializer.Serialize(trimmed, TmdbJsonContext.Default.TmdbMovie));
    }

    [Theory]
    [InlineData("tom")]
    [InlineData("nolan")]
    [InlineData("the")]
    public async Task With_what_the_API_reads_searches_find_the_same(string query)
    {
        Assert.Equal(
            JsonSerializer.Serialize(await _client.SearchPeopleAsync(query, 1), TmdbJsonContext.Default.TmdbSearchPageTmdbPersonSearchResult),
            JsonSerializer.Serialize(await _apiContent.SearchPeopleAsync(query, 1), TmdbJsonContext.Default.TmdbSearchPageTmdbPersonSearchResult));
        Assert.Equal(
            JsonSerializer.Serialize(await _client.SearchMoviesAsync(query, 1), TmdbJsonContext.Default.TmdbSearchPageTmdbMovieSearchResult),
            JsonSerializer.Serialize(await _apiContent.SearchMoviesAsync(query, 1), TmdbJsonContext.Default.TmdbSearchPageTmdbMovieSearchResult));
    }

    /// <summary>Reads every page and checks page numbers, sizes and totals against the expected ids in order.</summary>
    private static async Task AssertPagedAsync<T>(IReadOnlyList<int> expected, Func<int, Task<TmdbSearchPage<T>>> search, Func<T, int> id)
    {
        var expectedPages = (expected.Count + PageSize - 1) / PageSize;
        Assert.True(expectedPages <= OfflineTmdbClient.MaxPage, "Pick a narrower query: it matches more than 500 pages.");
        var actual = new List<int>();
        for (var page = 1; page <= Math.Max(expectedPages, 1); page++)
        {
            var result = await search(page);
            Assert.Equal(page, result.Page);
            Assert.Equal(expected.Count, result.TotalResults);
            Assert.Equal(expectedPages, result.TotalPages);
            var expectedSize = Math.Min(PageSize, expected.Count - (page - 1) * PageSize);
            Assert.Equal(expectedSize, result.Results.Count);
            actual.AddRange(result.Results.Select(id));
        }
        Assert.Equal(expected, actual);
        var past = await search(Math.Max(expectedPages, 1) + 1);
        Assert.Empty(past.Results);
    }
}
