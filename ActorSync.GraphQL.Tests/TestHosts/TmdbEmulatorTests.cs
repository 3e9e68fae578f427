using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Models;
using ActorSync.Tmdb.Offline;

namespace ActorSync.GraphQL.Tests.TestHosts;

/// <summary>
/// The TMDB emulator itself, through plain <see cref="HttpClient"/>s: TMDB's shapes and error bodies, content equal to
/// the offline client, authentication, call counting and every injected fault. Every wait is bounded.
/// </summary>
public sealed class TmdbEmulatorTests
{
    private const string InvalidApiKey = """{"success":false,"status_code":7,"status_message":"Invalid API key: You must be granted a valid key."}""";
    private const string NotFound = """{"success":false,"status_code":34,"status_message":"The resource you requested could not be found."}""";
    private const string InvalidPage = """{"success":false,"status_code":22,"status_message":"Invalid page: Pages start at 1 and max at 500. They are expected to be an integer."}""";
    private const string RateLimited = """{"success":false,"status_code":25,"status_message":"Your request count (#) is over the allowed limit of (40)."}""";
    private const string InternalError = """{"success":false,"status_code":11,"status_message":"Internal error: Something went wrong, contact TMDB."}""";
    private const string EmptySearch = """{"page":1,"results":[],"total_pages":1,"total_results":0}""";
    private const string Configuration = """{"images":{"base_url":"http://image.tmdb.org/t/p/","secure_base_url":"https://image.tmdb.org/t/p/","poster_sizes":["w92","w154","w185","w342","w500","w780","original"],"profile_sizes":["w45","w185","h632","original"]},"change_keys":[]}""";
    private const string TmdbContentType = "application/json;charset=utf-8";

    private const int BradPitt = 287;
    private const int TomHanks = 31;
    private const int EdwardNorton = 819;
    private const int Bjork = 47;
    private const int FightClub = 550;
    private const int ForrestGump = 13;
    private const int Unknown = 999_999_999;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly OfflineTmdbClient _offline = new();

    // --- start-up -----------------------------------------------------------------------------------------

    [Fact]
    public async Task BaseUrl_is_loopback_with_the_v3_prefix_and_no_trailing_slash()
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        Assert.Matches(@"^http://127\.0\.0\.1:[1-9][0-9]*/3$", emulator.BaseUrl);
        Assert.Equal(TmdbEmulator.DefaultApiKey, emulator.ApiKey);
    }

    // --- people -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Person_with_movie_credits_has_the_TMDB_snake_case_shape()
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        var reply = await GetAsync(emulator, $"/person/{BradPitt}?append_to_response=movie_credits");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(TmdbContentType, reply.RawContentType);
        var person = JsonNode.Parse(reply.Body)!.AsObject();
        Assert.Equal(BradPitt, person["id"]!.GetValue<int>());
        Assert.Equal("Brad Pitt", person["name"]!.GetValue<string>());
        foreach (var key in new[] { "known_for_department", "also_known_as", "place_of_birth", "profile_path", "imdb_id", "movie_credits" })
            Assert.True(person.ContainsKey(key), $"The person has no \"{key}\".");
        Assert.True(person.ContainsKey("deathday"), "TMDB writes nulls out; the person has no \"deathday\".");
        Assert.Null(person["deathday"]);

        var credits = person["movie_credits"]!.AsObject();
        var cast = credits["cast"]!.AsArray();
        Assert.NotEmpty(cast);
        Assert.IsType<JsonArray>(credits["crew"]);
        foreach (var role in cast.Select(role => role!.AsObject()))
        {
            foreach (var key in new[] { "id", "title", "character", "credit_id", "release_date", "genre_ids", "original_title", "poster_path", "order" })
                Assert.True(role.ContainsKey(key), $"A cast credit has no \"{key}\": {role.ToJsonString()}");
        }
        Assert.Contains(cast, role => role!["id"]!.GetValue<int>() == FightClub && role["character"]!.GetValue<string>() == "Tyler Durden");
    }

    [Theory]
    [InlineData(BradPitt)]
    [InlineData(TomHanks)]
    [InlineData(EdwardNorton)]
    [InlineData(Bjork)]
    public async Task Person_with_movie_credits_equals_the_offline_client(int personId)
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        var expected = (await _offline.GetPersonAsync(personId))!;

        var reply = await GetAsync(emulator, $"/person/{personId}?append_to_response=movie_credits");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(expected, TmdbJsonContext.Default.TmdbPerson), JsonNode.Parse(reply.Body)));

        var actual = JsonSerializer.Deserialize(reply.Body, TmdbJsonContext.Default.TmdbPerson)!;
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Gender, actual.Gender);
        Assert.Equal(expected.KnownForDepartment, actual.KnownForDepartment);
        Assert.Equal(expected.Popularity, actual.Popularity);
        Assert.Equal(expected.ProfilePath, actual.ProfilePath);
        Assert.Equal(
            expected.MovieCredits!.Cast.Select(c => (c.Id, c.Title, c.Character, c.CreditId, c.ReleaseDate, c.Order)),
            actual.MovieCredits!.Cast.Select(c => (c.Id, c.Title, c.Character, c.CreditId, c.ReleaseDate, c.Order)));
        Assert.Equal(
            expected.MovieCredits.Crew.Select(c => (c.Id, c.Department, c.Job, c.CreditId)),
            actual.MovieCredits.Crew.Select(c => (c.Id, c.Department, c.Job, c.CreditId)));
    }

    [Fact]
    public async Task Person_names_are_raw_utf8_like_TMDB_not_unicode_escapes()
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        var reply = await GetAsync(emulator, $"/person/{Bjork}");

        Assert.Contains("\"name\":\"Björk\"", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Person_without_append_to_response_has_no_movie_credits_key()
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        var expected = JsonSerializer.SerializeToNode((await _offline.GetPersonAsync(BradPitt))!, TmdbJsonContext.Default.TmdbPerson)!.AsObject();
        expected.Remove("movie_credits");

        var reply = await GetAsync(emulator, $"/person/{BradPitt}");
        var other = await GetAsync(emulator, $"/person/{BradPitt}?append_to_response=images");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var person = JsonNode.Parse(reply.Body)!.AsObject();
        Assert.False(person.ContainsKey("movie_credits"));
        Assert.True(JsonNode.DeepEquals(expected, person));
        Assert.False(JsonNode.Parse(other.Body)!.AsObject().ContainsKey("movie_credits"));
    }

    [Fact]
    public async Task Append_to_response_may_list_movie_credits_among_other_names()
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        var reply = await GetAsync(emulator, $"/person/{BradPitt}?append_to_response=images,movie_credits");

        Assert.True(JsonNode.Parse(reply.Body)!.AsObject().ContainsKey("movie_credits"));
    }

    // --- movies -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(FightClub)]
    [InlineData(ForrestGump)]
    public async Task Movie_with_credits_equals_the_offline_client(int movieId)
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        var expected = (await _offline.GetMovieAsync(movieId))!;

        var reply = await GetAsync(emulator, $"/movie/{movieId}?append_to_response=credits");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(TmdbContentType, reply.RawContentType);
        var json = JsonNode.Parse(reply.Body)!.AsObject();
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(expected, TmdbJsonContext.Default.TmdbMovie), json));
        var firstBilled = json["credits"]!["cast"]![0]!.AsObject();
        foreach (var key in new[] { "id", "name", "character", "order", "credit_id", "known_for_department", "profile_path" })
            Assert.True(firstBilled.ContainsKey(key), $"The first billed cast member has no \"{key}\".");

        var actual = JsonSerializer.Deserialize(reply.Body, TmdbJsonContext.Default.TmdbMovie)!;
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.ReleaseDate, actual.ReleaseDate);
        Assert.Equal(expected.Credits!.Cast.Select(c => (c.Id, c.Character, c.Order)), actual.Credits!.Cast.Select(c => (c.Id, c.Character, c.Order)));
        Assert.Equal(expected.Credits.Crew.Select(c => (c.Id, c.Job)), actual.Credits.Crew.Select(c => (c.Id, c.Job)));
    }

    [Fact]
    public async Task Movie_credits_carry_each_persons_popularity_as_TMDB_sends_it()
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        var reply = await GetAsync(emulator, $"/movie/{FightClub}?append_to_response=credits");

        var credits = JsonNode.Parse(reply.Body)!["credits"]!;
        var oracle = SnapshotOracle.Instance;
        Assert.Equal(
            oracle.Movies[FightClub].Cast.Select(c => oracle.People[c.PersonId].Popularity),
            credits["cast"]!.AsArray().Select(c => c!["popularity"]!.GetValue<double>()));
        Assert.Equal(
            oracle.Movies[FightClub].Crew.Select(c => oracle.People[c.PersonId].Popularity),
            credits["crew"]!.AsArray().Select(c => c!["popularity"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Movie_credits_carry_the_crew_as_TMDB_sends_it()
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        var reply = await GetAsync(emulator, $"/movie/{FightClub}?append_to_response=credits");

        var crew = JsonNode.Parse(reply.Body)!["credits"]!["crew"]!.AsArray();
        Assert.Equal(SnapshotOracle.Instance.Movies[FightClub].Crew.Count, crew.Count);
        Assert.NotEmpty(crew);
    }

    [Fact]
    public async Task Movie_without_append_to_response_has_no_credits_key()
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        var expected = JsonSerializer.SerializeToNode((await _offline.GetMovieAsync(FightClub))!, TmdbJsonContext.Default.TmdbMovie)!.AsObject();
        expected.Remove("credits");

        var reply = await GetAsync(emulator, $"/movie/{FightClub}");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var movie = JsonNode.Parse(reply.Body)!.AsObject();
        Assert.False(movie.ContainsKey("credits"));
        Assert.True(JsonNode.DeepEquals(expected, movie));
        Assert.Equal("Fight Club", movie["title"]!.GetValue<string>());
    }

    // --- configuration ------------------------------------------------------------------------------------

    [Fact]
    public async Task Configuration_answers_the_image_configuration_exactly()
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        var reply = await GetAsync(emulator, "/configuration");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(TmdbContentType, reply.RawContentType);
        Assert.Equal(Configuration, reply.Body);
    }

    // --- authentication -----------------------------------------------------------------------------------

    [Fact]
    public async Task A_request_without_a_key_gets_TMDB_401_body()
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        var reply = await GetAsync(emulator, $"/person/{BradPitt}", key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(TmdbContentType, reply.RawContentType);
        Assert.Equal(InvalidApiKey, reply.Body);
        var call = Assert.Single(emulator.Calls);
        Assert.Equal(401, call.Status);
        Assert.False(call.HasAuthorizationHeader);
    }

    [Fact]
    public async Task A_request_with_a_wrong_api_key_gets_TMDB_401_body()
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        var reply = await GetAsync(emulator, "/configuration", key: "0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(InvalidApiKey, reply.Body);
    }

    [Fact]
    public async Task A_bearer_token_authenticates_and_is_recorded_as_an_authorization_header()
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        var reply = await GetAsync(emulator, $"/person/{BradPitt}", key: null, bearer: emulator.ApiKey);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var call = Assert.Single(emulator.Calls);
        Assert.True(call.HasAuthorizationHeader);
        Assert.Equal("", call.QueryString);
        Assert.Equal(200, call.Status);
    }

    [Fact]
    public async Task A_wrong_bearer_token_gets_TMDB_401_body()
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        var reply = await GetAsync(emulator, $"/person/{BradPitt}", key: null, bearer: "eyJhbGciOiJIUzI1NiJ9.wrong.token");

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(InvalidApiKey, reply.Body);
    }

    [Fact]
    public async Task The_key_given_to_StartAsync_is_the_one_accepted()
    {
        await using var emulator = await TmdbEmulator.StartAsync("my-own-key");

        var accepted = await GetAsync(emulator, "/configuration", key: "my-own-key");
        var refused = await GetAsync(emulator, "/configuration", key: TmdbEmulator.DefaultApiKey);

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
    }

    // --- not found ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("/person/999999999?append_to_response=movie_credits")]
    [InlineData("/movie/999999999?append_to_response=credits")]
    [InlineData("/person/brad-pitt")]
    [InlineData("/movie/0")]
    [InlineData("/tv/1399")]
    [InlineData("/person/287/images")]
    [InlineData("/")]
    public async Task Unknown_ids_and_paths_get_TMDB_404_body(string pathAndQuery)
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        var reply = await GetAsync(emulator, pathAndQuery);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal(TmdbContentType, reply.RawContentType);
        Assert.Equal(NotFound, reply.Body);
    }

    // --- search -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Search_person_pages_equal_the_offline_client()
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        var page1 = await _offline.SearchPeopleAsync("tom", 1);
        var page2 = await _offline.SearchPeopleAsync("tom", 2);

        var first = await GetAsync(emulator, "/search/person?query=tom&page=1&include_adult=false");
        var second = await GetAsync(emulator, "/search/person?query=tom&page=2&include_adult=false");
        var noPage = await GetAsync(emulator, "/search/person?query=tom&include_adult=false");

        Assert.True(page1.TotalResults > 2 * OfflineTmdbClient.PageSize, "The test needs at least three pages of Toms.");
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(page1, TmdbJsonContext.Default.TmdbSearchPageTmdbPersonSearchResult), JsonNode.Parse(first.Body)));
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(page2, TmdbJsonContext.Default.TmdbSearchPageTmdbPersonSearchResult), JsonNode.Parse(second.Body)));
        Assert.Equal(first.Body, noPage.Body);

        var parsed = JsonSerializer.Deserialize(second.Body, TmdbJsonContext.Default.TmdbSearchPageTmdbPersonSearchResult)!;
        Assert.Equal(2, parsed.Page);
        Assert.Equal(OfflineTmdbClient.PageSize, parsed.Results.Count);
        Assert.Equal(page1.TotalResults, parsed.TotalResults);
        Assert.Equal(page1.TotalPages, parsed.TotalPages);
        Assert.All(JsonNode.Parse(second.Body)!["results"]!.AsArray(), result =>
        {
            Assert.True(result!.AsObject().ContainsKey("known_for_department"));
            Assert.True(result.AsObject().ContainsKey("known_for"));
        });
    }

    [Fact]
    public async Task Search_movie_equals_the_offline_client()
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        var expected = await _offline.SearchMoviesAsync("the dark knight", 1);

        var reply = await GetAsync(emulator, "/search/movie?query=the%20dark+knight&page=1&include_adult=false");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.NotEmpty(expected.Results);
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(expected, TmdbJsonContext.Default.TmdbSearchPageTmdbMovieSearchResult), JsonNode.Parse(reply.Body)));
        Assert.True(JsonNode.Parse(reply.Body)!["results"]![0]!.AsObject().ContainsKey("genre_ids"));
    }

    [Fact]
    public async Task Search_past_the_last_page_answers_an_empty_page_with_the_totals()
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        var reply = await GetAsync(emulator, "/search/person?query=tom&page=500&include_adult=false");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var page = JsonSerializer.Deserialize(reply.Body, TmdbJsonContext.Default.TmdbSearchPageTmdbPersonSearchResult)!;
        Assert.Equal(500, page.Page);
        Assert.Empty(page.Results);
        Assert.True(page.TotalResults > 0);
    }

    [Theory]
    [InlineData("/search/person?query=tom&page=0")]
    [InlineData("/search/person?query=tom&page=501")]
    [InlineData("/search/movie?query=alien&page=-1")]
    [InlineData("/search/movie?query=alien&page=two")]
    [InlineData("/search/movie?query=alien&page=1.5")]
    [InlineData("/search/movie?query=&page=0")]
    public async Task Search_with_a_page_outside_1_to_500_gets_TMDB_422_body(string pathAndQuery)
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        var reply = await GetAsync(emulator, pathAndQuery);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Equal(TmdbContentType, reply.RawContentType);
        Assert.Equal(InvalidPage, reply.Body);
    }

    [Theory]
    [InlineData("/search/person?query=&page=1&include_adult=false")]
    [InlineData("/search/person?page=3")]
    [InlineData("/search/movie?query=%20&page=2")]
    public async Task Search_with_an_empty_query_answers_TMDB_empty_page(string pathAndQuery)
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        var reply = await GetAsync(emulator, pathAndQuery);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(EmptySearch, reply.Body);
    }

    // --- call counting ------------------------------------------------------------------------------------

    [Fact]
    public async Task Calls_are_counted_per_path_segment_and_reset()
    {
        await using var emulator = await TmdbEmulator.StartAsync();

        await GetAsync(emulator, $"/person/{BradPitt}?append_to_response=movie_credits");
        await GetAsync(emulator, $"/person/{BradPitt}");
        await GetAsync(emulator, "/person/287999999");
        await GetAsync(emulator, $"/movie/{FightClub}", key: null);

        Assert.Equal(4, emulator.TotalCalls);
        Assert.Equal(2, emulator.CallsTo($"/3/person/{BradPitt}"));
        Assert.Equal(1, emulator.CallsTo($"/3/person/{BradPitt}?append_to_response=movie_credits"));
        Assert.Equal(3, emulator.CallsTo("/3/person"));
        Assert.Equal(3, emulator.CallsTo("/3/person/"));
        Assert.Equal(4, emulator.CallsTo("/3"));
        Assert.Equal(0, emulator.CallsTo("/3/pers"));
        Assert.Equal(1, emulator.CallsTo($"/3/movie/{FightClub}"));

        var calls = emulator.Calls;
        Assert.Equal(["GET"], calls.Select(c => c.Method).Distinct());
        Assert.Equal(["/3/person/287", "/3/person/287", "/3/person/287999999", "/3/movie/550"], calls.Select(c => c.Path));
        Assert.Equal($"?append_to_response=movie_credits&api_key={emulator.ApiKey}", calls[0].QueryString);
        Assert.Equal($"/3/person/287?append_to_response=movie_credits&api_key={emulator.ApiKey}", calls[0].PathAndQuery);
        Assert.Equal([200, 200, 404, 401], calls.Select(c => c.Status));
        Assert.All(calls, c => Assert.Equal(TmdbEmulatorFault.None, c.Fault));
        Assert.True(calls.Zip(calls.Skip(1)).All(pair => pair.First.Timestamp <= pair.Second.Timestamp));

        emulator.ResetCounts();

        Assert.Equal(0, emulator.TotalCalls);
        Assert.Empty(emulator.Calls);
        Assert.Equal(0, emulator.CallsTo("/3/person"));
    }

    [Fact]
    public async Task Concurrent_requests_are_all_counted_and_exactly_count_of_them_fail()
    {
        const int requests = 60;
        const int failures = 13;
        await using var emulator = await TmdbEmulator.StartAsync();
        using var http = NewClient();
        emulator.FailNext(failures, 500);

        var responses = await Task.WhenAll(Enumerable.Range(0, requests).Select(i =>
            http.GetAsync(Url(emulator, i % 2 == 0 ? "/configuration" : $"/person/{BradPitt}", emulator.ApiKey))));
        try
        {
            Assert.Equal(failures, responses.Count(r => r.StatusCode == HttpStatusCode.InternalServerError));
            Assert.Equal(requests - failures, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(requests, emulator.TotalCalls);
            Assert.Equal(requests / 2, emulator.CallsTo("/3/configuration"));
            Assert.Equal(requests / 2, emulator.CallsTo($"/3/person/{BradPitt}"));
            Assert.Equal(failures, emulator.Calls.Count(c => c.Status == 500 && c.Fault == TmdbEmulatorFault.Failure));
        }
        finally
        {
            foreach (var response in responses)
                response.Dispose();
        }
    }

    // --- faults -------------------------------------------------------------------------------------------

    [Fact]
    public async Task FailNext_fails_that_many_requests_with_TMDB_body_then_serves_again()
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        emulator.FailNext(2);

        var first = await GetAsync(emulator, $"/person/{BradPitt}");
        var second = await GetAsync(emulator, "/configuration");
        var third = await GetAsync(emulator, $"/person/{BradPitt}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal(InternalError, first.Body);
        Assert.Equal(TmdbContentType, first.RawContentType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Equal([503, 503, 200], emulator.Calls.Select(c => c.Status));
        Assert.Equal([TmdbEmulatorFault.Failure, TmdbEmulatorFault.Failure, TmdbEmulatorFault.None], emulator.Calls.Select(c => c.Fault));
    }

    [Fact]
    public async Task FailNext_with_a_path_prefix_fails_only_matching_requests()
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        emulator.FailNext(1, 500, "/3/movie");

        var person = await GetAsync(emulator, $"/person/{BradPitt}");
        var movie = await GetAsync(emulator, $"/movie/{FightClub}");
        var movieAgain = await GetAsync(emulator, $"/movie/{FightClub}");

        Assert.Equal(HttpStatusCode.OK, person.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, movie.Status);
        Assert.Equal(InternalError, movie.Body);
        Assert.Equal(HttpStatusCode.OK, movieAgain.Status);
    }

    [Fact]
    public async Task Injected_faults_come_before_authentication()
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        emulator.FailNext(1, 404);

        var reply = await GetAsync(emulator, $"/person/{BradPitt}", key: null);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal(NotFound, reply.Body);
    }

    [Fact]
    public async Task FailAlways_fails_until_Heal_and_one_shot_faults_go_first()
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        emulator.FailAlways(503, "/3/search");
        emulator.FailNext(1, 500, "/3/search/person");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await GetAsync(emulator, "/search/person?query=tom&page=1")).Status);
        var other = await GetAsync(emulator, "/configuration");
        emulator.Heal();
        var healed = await GetAsync(emulator, "/search/person?query=tom&page=1");

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable], statuses);
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Equal(HttpStatusCode.OK, healed.Status);
        Assert.Equal(4, emulator.CallsTo("/3/search/person"));
        Assert.Equal(3, emulator.Calls.Count(c => c.Fault == TmdbEmulatorFault.Failure));
    }

    [Fact]
    public async Task RateLimitNext_answers_429_with_Retry_After_then_serves_again()
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        emulator.RateLimitNext(2, retryAfterSeconds: 7);
        using var http = NewClient();

        var limited = new List<(HttpStatusCode Status, TimeSpan? RetryAfter, string Body)>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await http.GetAsync(Url(emulator, $"/person/{BradPitt}", emulator.ApiKey));
            limited.Add((response.StatusCode, response.Headers.RetryAfter?.Delta, await response.Content.ReadAsStringAsync()));
        }
        using var served = await http.GetAsync(Url(emulator, $"/person/{BradPitt}", emulator.ApiKey));

        Assert.All(limited, reply =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, reply.Status);
            Assert.Equal(TimeSpan.FromSeconds(7), reply.RetryAfter);
            Assert.Equal(RateLimited, reply.Body);
        });
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Null(served.Headers.RetryAfter);
        Assert.Equal([429, 429, 200], emulator.Calls.Select(c => c.Status));
        Assert.Equal(2, emulator.Calls.Count(c => c.Fault == TmdbEmulatorFault.RateLimit));
    }

    [Fact]
    public async Task HangNext_leaves_a_request_unanswered_until_the_client_gives_up()
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        emulator.HangNext(1, "/3/person");
        using var impatient = NewClient(TimeSpan.FromSeconds(1));

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync(Url(emulator, $"/person/{BradPitt}", emulator.ApiKey)));
        var waited = clock.Elapsed;
        var next = await GetAsync(emulator, $"/person/{BradPitt}");

        Assert.True(waited >= TimeSpan.FromMilliseconds(900), $"The client gave up after {waited}.");
        Assert.Equal(HttpStatusCode.OK, next.Status);
        var calls = emulator.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Equal(TmdbEmulatorFault.Hang, calls[0].Fault);
        Assert.Null(calls[0].Status);
        Assert.Equal(200, calls[1].Status);
    }

    [Fact]
    public async Task HangAlways_hangs_matching_requests_only_until_Heal()
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        emulator.HangAlways("/3/movie");
        // Patient enough that a request reaches the emulator before the client gives up, even on a loaded machine
        // (at 500 ms a whole suite's run once recorded 2 calls of 3: one was cancelled before it arrived).
        using var impatient = NewClient(TimeSpan.FromMilliseconds(1500));

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync(Url(emulator, $"/movie/{FightClub}", emulator.ApiKey)));
        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync(Url(emulator, $"/movie/{ForrestGump}", emulator.ApiKey)));
        var person = await GetAsync(emulator, $"/person/{BradPitt}");
        emulator.Heal();
        var healed = await GetAsync(emulator, $"/movie/{FightClub}");

        Assert.Equal(HttpStatusCode.OK, person.Status);
        Assert.Equal(HttpStatusCode.OK, healed.Status);
        Assert.Equal(3, emulator.CallsTo("/3/movie"));
        Assert.Equal(2, emulator.Calls.Count(c => c.Fault == TmdbEmulatorFault.Hang && c.Status is null));
    }

    [Fact]
    public async Task Disposing_the_emulator_cuts_off_hung_requests_instead_of_waiting_for_them()
    {
        var emulator = await TmdbEmulator.StartAsync();
        emulator.HangAlways();
        using var patient = NewClient(TimeSpan.FromSeconds(30));
        var hung = patient.GetAsync(Url(emulator, $"/person/{BradPitt}", emulator.ApiKey));
        await WaitUntilAsync(() => emulator.TotalCalls == 1);

        var clock = Stopwatch.StartNew();
        await emulator.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var disposal = clock.Elapsed;

        Assert.True(disposal < TimeSpan.FromSeconds(5), $"Disposal took {disposal}.");
        await Assert.ThrowsAsync<HttpRequestException>(() => hung.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Latency_delays_every_response_and_Heal_removes_it()
    {
        var latency = TimeSpan.FromMilliseconds(400);
        await using var emulator = await TmdbEmulator.StartAsync();
        emulator.Latency = latency;

        var clock = Stopwatch.StartNew();
        var ok = await GetAsync(emulator, $"/person/{BradPitt}");
        var delayedOk = clock.Elapsed;
        clock.Restart();
        var unauthorized = await GetAsync(emulator, "/configuration", key: null);
        var delayedError = clock.Elapsed;
        emulator.Heal();

        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.Status);
        Assert.True(delayedOk >= latency - TimeSpan.FromMilliseconds(20), $"Answered after {delayedOk}.");
        Assert.True(delayedError >= latency - TimeSpan.FromMilliseconds(20), $"Answered after {delayedError}.");
        Assert.Equal(TimeSpan.Zero, emulator.Latency);
        Assert.Equal(2, emulator.TotalCalls);
    }

    [Fact]
    public async Task Latency_longer_than_the_client_waits_ends_with_the_client_and_is_counted()
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        emulator.Latency = TimeSpan.FromHours(1);
        using var impatient = NewClient(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync(Url(emulator, "/configuration", emulator.ApiKey)));

        var call = Assert.Single(emulator.Calls);
        Assert.Null(call.Status);
        Assert.Equal(TmdbEmulatorFault.None, call.Fault);
    }

    // --- refused connections ------------------------------------------------------------------------------

    [Fact]
    public async Task UnusedLoopbackBaseUrl_refuses_connections()
    {
        var baseUrl = TmdbEmulator.UnusedLoopbackBaseUrl();
        using var http = NewClient();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"{baseUrl}/configuration"));

        Assert.Matches(@"^http://127\.0\.0\.1:[1-9][0-9]*/3$", baseUrl);
        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private sealed record Reply(HttpStatusCode Status, string? RawContentType, string Body);

    private static HttpClient NewClient(TimeSpan? timeout = null) => new() { Timeout = timeout ?? RequestTimeout };

    /// <summary><c>{BaseUrl}{pathAndQuery}</c>, with <c>api_key=<paramref name="key"/></c> appended unless null.</summary>
    private static string Url(TmdbEmulator emulator, string pathAndQuery, string? key)
    {
        var url = emulator.BaseUrl + pathAndQuery;
        return key is null ? url : $"{url}{(pathAndQuery.Contains('?') ? '&' : '?')}api_key={Uri.EscapeDataString(key)}";
    }

    /// <summary>A GET with the emulator's key as <c>api_key</c> unless told otherwise; the body is read in full.</summary>
    private static Task<Reply> GetAsync(TmdbEmulator emulator, string pathAndQuery) =>
        GetAsync(emulator, pathAndQuery, emulator.ApiKey);

    private static async Task<Reply> GetAsync(TmdbEmulator emulator, string pathAndQuery, string? key, string? bearer = null)
    {
        using var http = NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(emulator, pathAndQuery, key));
        if (bearer is not null)
            request.Headers.Authorization = new("Bearer", bearer);
        using var response = await http.SendAsync(request);
        // The header as sent, before anything parses (and re-formats) it.
        var rawContentType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : null;
        return new Reply(response.StatusCode, rawContentType, await response.Content.ReadAsStringAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(5))
                throw new TimeoutException("The emulator did not see the request within 5 s.");
            await Task.Delay(10);
        }
    }
}
