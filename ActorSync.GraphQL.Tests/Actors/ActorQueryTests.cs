using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Actors;

public sealed class ActorQueryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly GraphQLClient _client = new(factory.CreateClient());
    private static SnapshotOracle Data => SnapshotOracle.Instance;

    private const string ActorFields = """
        tmdbId name gender knownForDepartment popularity biography birthday deathday placeOfBirth
        profileUrl tmdbUrl
        credits { movie { tmdbId title releaseDate } character order }
        """;

    public static TheoryData<int> Actors()
    {
        var data = new TheoryData<int>();
        foreach (var id in Expected.SampleActors(12, seed: 20261129).Append(976 /* Jason Statham: two roles in Snatch */))
            data.Add(id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Actors))]
    public async Task An_actor_has_the_snapshot_profile_and_one_credit_per_movie_newest_first(int tmdbId)
    {
        var actor = (await _client.DataAsync($"{{ actor(tmdbId: {tmdbId}) {{ {ActorFields} }} }}"))["actor"]!;
        var person = Data.People[tmdbId];

        Assert.Equal(tmdbId, actor["tmdbId"]!.GetValue<int>());
        Assert.Equal(person.Name, actor["name"]!.GetValue<string>());
        Assert.Equal(new[] { "UNSPECIFIED", "FEMALE", "MALE", "NON_BINARY" }[person.Gender], actor["gender"]!.GetValue<string>());
        Assert.Equal(person.Popularity, actor["popularity"]!.GetValue<double>(), 6);
        Assert.Equal(person.KnownForDepartment, actor["knownForDepartment"]?.GetValue<string>());
        Assert.Equal(person.ProfilePath is null ? null : "https://image.tmdb.org/t/p/w185" + person.ProfilePath, actor["profileUrl"]?.GetValue<string>());
        Assert.Equal($"https://www.themoviedb.org/person/{tmdbId}", actor["tmdbUrl"]!.GetValue<string>());
        Assert.Null(actor["biography"]); // not in the snapshot: TMDB's "" reads as null

        var expected = Expected.Credits(tmdbId);
        var credits = actor["credits"]!.AsArray();
        Assert.Equal(expected.Select(c => c.MovieId), credits.Select(c => c!["movie"]!["tmdbId"]!.GetValue<int>()));
        Assert.Equal(expected.Select(c => c.Character), credits.Select(c => c!["character"]?.GetValue<string>()));
        Assert.Equal(expected.Select(c => (int?)c.Order), credits.Select(c => c!["order"]?.GetValue<int>()));
        Assert.Equal(expected.Select(c => c.Date), credits.Select(c => c!["movie"]!["releaseDate"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Several_roles_in_one_movie_are_one_credit_with_the_characters_joined_at_the_earliest_billing()
    {
        var snatch = Data.Movies.Values.Single(m => m.Title == "Snatch");
        var roles = snatch.Cast.Where(c => c.PersonId == 976).OrderBy(c => c.Order).ToArray();
        Assert.True(roles.Length >= 2, "the snapshot should have Jason Statham twice in Snatch");

        var data = await _client.DataAsync("{ actor(tmdbId: 976) { credits { movie { tmdbId } character order } } }");
        var inSnatch = data["actor"]!["credits"]!.AsArray().Where(c => c!["movie"]!["tmdbId"]!.GetValue<int>() == snatch.Id).ToArray();

        var credit = Assert.Single(inSnatch);
        Assert.Equal(string.Join(" / ", roles.Select(r => r.Character)), credit!["character"]!.GetValue<string>());
        Assert.Equal(roles[0].Order, credit["order"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(Actors))]
    public async Task A_timeline_groups_dated_credits_by_year_newest_year_first_earliest_release_first(int tmdbId)
    {
        var data = await _client.DataAsync($"{{ actor(tmdbId: {tmdbId}) {{ timeline {{ year credits {{ movie {{ tmdbId releaseYear }} character }} }} }} }}");
        var timeline = data["actor"]!["timeline"]!.AsArray();
        var expected = Expected.Timeline(tmdbId);

        Assert.Equal(expected.Select(y => y.Year), timeline.Select(y => y!["year"]!.GetValue<int>()));
        for (var i = 0; i < expected.Count; i++)
        {
            var credits = timeline[i]!["credits"]!.AsArray();
            Assert.Equal(expected[i].Credits.Select(c => c.MovieId), credits.Select(c => c!["movie"]!["tmdbId"]!.GetValue<int>()));
            Assert.All(credits, c => Assert.Equal(expected[i].Year, c!["movie"]!["releaseYear"]!.GetValue<int>()));
        }
    }

    [Fact]
    public async Task Known_for_lists_the_most_popular_movies_first()
    {
        var id = Expected.SampleActors(1, seed: 7).Single();
        foreach (var first in new[] { 0, 3, 5 })
        {
            var data = await _client.DataAsync($"{{ actor(tmdbId: {id}) {{ knownFor(first: {first}) {{ tmdbId }} }} }}");
            var expected = Expected.Credits(id).Select(c => c.Movie)
                .OrderByDescending(m => m.Popularity).ThenBy(m => m.Id).Take(first).Select(m => m.Id);
            Assert.Equal(expected, data["actor"]!["knownFor"]!.AsArray().Select(m => m!["tmdbId"]!.GetValue<int>()));
        }
    }

    [Fact]
    public async Task An_unknown_actor_is_null_not_an_error()
    {
        var unknown = Enumerable.Range(1, 1000).First(id => !Data.People.ContainsKey(id));
        var data = await _client.DataAsync($"{{ actor(tmdbId: {unknown}) {{ name }} }}");
        Assert.Null(data["actor"]);
    }

    [Fact]
    public async Task Actors_returns_each_id_in_order_with_null_for_unknown_ones()
    {
        var known = Expected.SampleActors(3, seed: 11);
        var unknown = Enumerable.Range(1, 1000).First(id => !Data.People.ContainsKey(id));
        int[] ids = [known[0], unknown, known[1], known[0], known[2]];

        var data = await _client.DataAsync($"{{ actors(tmdbIds: [{string.Join(",", ids)}]) {{ tmdbId name }} }}");
        var actors = data["actors"]!.AsArray();

        Assert.Equal(ids.Length, actors.Count);
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] == unknown)
                Assert.Null(actors[i]);
            else
                Assert.Equal(Data.People[ids[i]].Name, actors[i]!["name"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("W45", "w45")]
    [InlineData("H632", "h632")]
    [InlineData("ORIGINAL", "original")]
    public async Task Profile_urls_use_the_requested_size(string size, string path)
    {
        var person = Data.People.Values.Where(p => p.ProfilePath is not null).OrderBy(p => p.Id).First();
        var data = await _client.DataAsync($"{{ actor(tmdbId: {person.Id}) {{ profileUrl(size: {size}) }} }}");
        Assert.Equal($"https://image.tmdb.org/t/p/{path}{person.ProfilePath}", data["actor"]!["profileUrl"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("actor(tmdbId: 0) { name }", "tmdbId")]
    [InlineData("actor(tmdbId: 1000000000) { name }", "tmdbId")]
    [InlineData("actor(tmdbId: -5) { name }", "tmdbId")]
    [InlineData("actor(tmdbId: 287) { knownFor(first: 51) { title } }", "first")]
    [InlineData("actor(tmdbId: 287) { knownFor(first: -1) { title } }", "first")]
    [InlineData("actors(tmdbIds: [1, 0]) { name }", "tmdbIds")]
    public async Task Out_of_range_arguments_are_bad_user_input_naming_the_argument(string field, string argument)
    {
        var response = await _client.PostAsync($"{{ {field} }}");
        Assert.Equal("BAD_USER_INPUT", response.FirstCode);
        Assert.Equal(argument, response.Errors![0]!["extensions"]!["argument"]!.GetValue<string>());
    }

    [Fact]
    public async Task More_than_fifty_ids_in_one_lookup_are_bad_user_input()
    {
        var response = await _client.PostAsync($"{{ actors(tmdbIds: [{string.Join(",", Enumerable.Range(1, 51))}]) {{ name }} }}");
        Assert.Equal("BAD_USER_INPUT", response.FirstCode);
    }
}
