using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Comparisons;

public sealed class ComparisonQueryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly GraphQLClient _client = new(factory.CreateClient());
    private static SnapshotOracle Data => SnapshotOracle.Instance;

    public static TheoryData<int[]> ActorGroups()
    {
        var data = new TheoryData<int[]>();
        foreach (var pair in Expected.CoStarPairs(8, seed: 99))
            data.Add(pair);
        // Three actors, and a pair who may share nothing.
        var sample = Expected.SampleActors(5, seed: 5);
        data.Add([.. Expected.CoStarPairs(1, seed: 1)[0], sample[0]]);
        data.Add([sample[1], sample[2]]);
        return data;
    }

    [Theory]
    [MemberData(nameof(ActorGroups))]
    public async Task Shared_movies_are_the_movies_every_actor_is_in_newest_first_with_roles_in_the_given_order(int[] ids)
    {
        var data = await _client.DataAsync($$"""
            { compareActors(tmdbIds: [{{string.Join(",", ids)}}]) {
                actors { tmdbId name }
                sharedMovies { movie { tmdbId title } roles { actor { tmdbId } character } }
            } }
            """);
        var comparison = data["compareActors"]!;
        Assert.Equal(ids, comparison["actors"]!.AsArray().Select(a => a!["tmdbId"]!.GetValue<int>()));

        var expected = Expected.SharedMovies(ids);
        var shared = comparison["sharedMovies"]!.AsArray();
        Assert.Equal(expected.Select(s => s.MovieId), shared.Select(s => s!["movie"]!["tmdbId"]!.GetValue<int>()));
        for (var i = 0; i < expected.Count; i++)
        {
            var roles = shared[i]!["roles"]!.AsArray();
            Assert.Equal(ids, roles.Select(r => r!["actor"]!["tmdbId"]!.GetValue<int>()));
            Assert.Equal(expected[i].Characters, roles.Select(r => r!["character"]?.GetValue<string>()));
        }
    }

    [Theory]
    [MemberData(nameof(ActorGroups))]
    public async Task The_comparison_timeline_holds_every_dated_credit_by_year_marking_the_shared_ones(int[] ids)
    {
        var data = await _client.DataAsync($$"""
            { compareActors(tmdbIds: [{{string.Join(",", ids)}}]) {
                timeline { year entries { movie { tmdbId } shared roles { actor { tmdbId } character } } }
            } }
            """);
        var timeline = data["compareActors"]!["timeline"]!.AsArray();

        var credits = ids.Select(id => Expected.Credits(id).ToDictionary(c => c.MovieId)).ToArray();
        var movies = credits.SelectMany(c => c.Values).Where(c => c.Year is not null).Select(c => c.MovieId).Distinct().ToArray();
        var years = movies.GroupBy(m => int.Parse(Data.Movies[m].ReleaseDate![..4])).OrderByDescending(g => g.Key).ToArray();

        Assert.Equal(years.Select(y => y.Key), timeline.Select(y => y!["year"]!.GetValue<int>()));
        for (var i = 0; i < years.Length; i++)
        {
            var entries = timeline[i]!["entries"]!.AsArray();
            var expectedMovies = Expected.EarliestFirst(years[i], m => m);
            Assert.Equal(expectedMovies, entries.Select(e => e!["movie"]!["tmdbId"]!.GetValue<int>()));
            for (var j = 0; j < expectedMovies.Count; j++)
            {
                var movie = expectedMovies[j];
                var inMovie = ids.Where((_, k) => credits[k].ContainsKey(movie)).ToArray();
                Assert.Equal(inMovie.Length == ids.Length, entries[j]!["shared"]!.GetValue<bool>());
                Assert.Equal(inMovie, entries[j]!["roles"]!.AsArray().Select(r => r!["actor"]!["tmdbId"]!.GetValue<int>()));
                Assert.Equal(inMovie.Select(id => credits[Array.IndexOf(ids, id)][movie].Character),
                    entries[j]!["roles"]!.AsArray().Select(r => r!["character"]?.GetValue<string>()));
            }
        }
    }

    public static TheoryData<int[]> MovieGroups()
    {
        // Movies that share cast: pairs of credits of the same prolific actors.
        var data = new TheoryData<int[]>();
        foreach (var actor in Expected.SampleActors(400, seed: 8).Where(a => Expected.Credits(a).Count >= 3).Take(6))
        {
            var movies = Expected.Credits(actor).Select(c => c.MovieId).Take(3).ToArray();
            data.Add(movies[..2]);
            data.Add(movies);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MovieGroups))]
    public async Task Shared_cast_is_the_actors_in_every_movie_most_popular_first_with_roles_in_the_given_order(int[] ids)
    {
        var data = await _client.DataAsync($$"""
            { compareMovies(tmdbIds: [{{string.Join(",", ids)}}]) {
                movies { tmdbId }
                sharedCast { actor { tmdbId name popularity } roles { movie { tmdbId } character } }
            } }
            """);
        var comparison = data["compareMovies"]!;
        Assert.Equal(ids, comparison["movies"]!.AsArray().Select(m => m!["tmdbId"]!.GetValue<int>()));

        var expected = Expected.SharedCast(ids);
        var shared = comparison["sharedCast"]!.AsArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(s => s.PersonId), shared.Select(s => s!["actor"]!["tmdbId"]!.GetValue<int>()));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(Data.People[expected[i].PersonId].Popularity, shared[i]!["actor"]!["popularity"]!.GetValue<double>(), 6);
            var roles = shared[i]!["roles"]!.AsArray();
            Assert.Equal(ids, roles.Select(r => r!["movie"]!["tmdbId"]!.GetValue<int>()));
            Assert.Equal(expected[i].Characters, roles.Select(r => r!["character"]?.GetValue<string>()));
        }
    }

    [Theory]
    [InlineData("compareActors", "[287]")]
    [InlineData("compareActors", "[]")]
    [InlineData("compareActors", "[1,2,3,4,5,6,7,8,9,10,11]")]
    [InlineData("compareActors", "[287, 287]")]
    [InlineData("compareActors", "[287, 0]")]
    [InlineData("compareMovies", "[603]")]
    [InlineData("compareMovies", "[603, 1000000000]")]
    public async Task Comparing_fewer_than_two_more_than_ten_repeated_or_invalid_ids_is_bad_user_input(string field, string ids)
    {
        var selection = field == "compareActors" ? "sharedMovies { movie { title } }" : "sharedCast { actor { name } }";
        var response = await _client.PostAsync($"{{ {field}(tmdbIds: {ids}) {{ {selection} }} }}");
        Assert.Equal("BAD_USER_INPUT", response.FirstCode);
        Assert.Equal("tmdbIds", response.Errors![0]!["extensions"]!["argument"]!.GetValue<string>());
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task Comparing_an_unknown_actor_is_actor_not_found_with_the_id()
    {
        var unknown = Enumerable.Range(1, 1000).First(id => !Data.People.ContainsKey(id));
        var response = await _client.PostAsync($"{{ compareActors(tmdbIds: [287, {unknown}]) {{ actors {{ name }} }} }}");
        Assert.Equal("ACTOR_NOT_FOUND", response.FirstCode);
        Assert.Equal(unknown, response.Errors![0]!["extensions"]!["tmdbId"]!.GetValue<int>());
    }

    [Fact]
    public async Task Comparing_an_unknown_movie_is_movie_not_found_with_the_id()
    {
        var unknown = Enumerable.Range(1, 1000).First(id => !Data.Movies.ContainsKey(id));
        var response = await _client.PostAsync($"{{ compareMovies(tmdbIds: [{unknown}, 603]) {{ movies {{ title }} }} }}");
        Assert.Equal("MOVIE_NOT_FOUND", response.FirstCode);
        Assert.Equal(unknown, response.Errors![0]!["extensions"]!["tmdbId"]!.GetValue<int>());
    }
}
