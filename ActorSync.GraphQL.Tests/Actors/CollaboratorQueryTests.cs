using ActorSync.GraphQL.Actors;
using ActorSync.GraphQL.Models;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.Tmdb.Models;

namespace ActorSync.GraphQL.Tests.Actors;

public sealed class CollaboratorQueryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly GraphQLClient _client = new(factory.CreateClient());
    private static SnapshotOracle Data => SnapshotOracle.Instance;

    /// <summary>
    /// Co-stars as the rules define them, from the raw snapshot: everyone in the cast of a movie the actor acted in,
    /// with those movies newest first; most shared movies first, then the more popular, then the lower id.
    /// </summary>
    private static IReadOnlyList<(int Actor, IReadOnlyList<int> Movies)> ExpectedCollaborators(int actor) =>
        Expected.Credits(actor)
            .SelectMany(c => Data.Movies[c.MovieId].Cast.Select(m => (CoStar: m.PersonId, c.MovieId)))
            .Where(e => e.CoStar != actor)
            .Distinct()
            .GroupBy(e => e.CoStar, e => e.MovieId)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => Data.People[g.Key].Popularity)
            .ThenBy(g => g.Key)
            .Select(g => (g.Key, Expected.NewestFirst(g, m => m)))
            .ToArray();

    public static TheoryData<int> Actors()
    {
        var data = new TheoryData<int>();
        // A sample, plus the most prolific actor of the snapshot and Jason Statham (two roles in one movie).
        var prolific = Data.Actors.OrderByDescending(a => Expected.Credits(a).Count).ThenBy(a => a).First();
        foreach (var id in Expected.SampleActors(10, seed: 5150).Append(prolific).Append(976).Distinct())
            data.Add(id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Actors))]
    public async Task Collaborators_are_ranked_by_shared_movies_then_popularity_then_id_with_movies_newest_first(int actor)
    {
        var data = await _client.DataAsync($"{{ actor(tmdbId: {actor}) {{ collaborators(first: 50) {{ count actor {{ tmdbId }} movies {{ tmdbId }} }} }} }}");
        var collaborators = data["actor"]!["collaborators"]!.AsArray();
        var expected = ExpectedCollaborators(actor).Take(50).ToArray();

        Assert.Equal(expected.Select(e => e.Actor), collaborators.Select(c => c!["actor"]!["tmdbId"]!.GetValue<int>()));
        Assert.Equal(expected.Select(e => e.Movies.Count), collaborators.Select(c => c!["count"]!.GetValue<int>()));
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i].Movies, collaborators[i]!["movies"]!.AsArray().Select(m => m!["tmdbId"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Ties_on_shared_movies_go_to_the_more_popular_co_star_even_across_the_cut_off()
    {
        // An actor whose top ten ends inside a group tied on the count, so popularity picks who makes the list.
        var actor = Expected.SampleActors(200, seed: 77).First(a =>
        {
            var ranked = ExpectedCollaborators(a);
            return ranked.Count > 10 && ranked[9].Movies.Count == ranked[10].Movies.Count && ranked[8].Movies.Count == ranked[9].Movies.Count;
        });
        var expected = ExpectedCollaborators(actor).Take(10).Select(e => e.Actor);

        var data = await _client.DataAsync($"{{ actor(tmdbId: {actor}) {{ collaborators {{ actor {{ tmdbId popularity }} }} }} }}");
        var collaborators = data["actor"]!["collaborators"]!.AsArray();

        Assert.Equal(expected, collaborators.Select(c => c!["actor"]!["tmdbId"]!.GetValue<int>()));
        Assert.All(collaborators, c => Assert.Equal(
            Data.People[c!["actor"]!["tmdbId"]!.GetValue<int>()].Popularity, c["actor"]!["popularity"]!.GetValue<double>(), 6));
    }

    [Fact]
    public void An_actor_with_more_credits_than_a_ranking_reads_is_ranked_on_their_most_popular_movies()
    {
        // 150 credits, popularity 0 to 74 twice over (ids 1-75 and 76-150): ties go to the lower id.
        var credits = Enumerable.Range(1, 150)
            .Select(id => new TmdbPersonCastCredit { Id = id, Title = $"Movie {id}", Popularity = (id - 1) % 75, Order = 0 })
            .ToArray();
        var actor = ActorDetails.Of(new TmdbPerson { Id = 1, Name = "Prolific", MovieCredits = new TmdbPersonMovieCredits { Cast = credits } });

        var read = Collaborators.MoviesToRead(actor.Credits);

        Assert.Equal(150, actor.Credits.Count);
        Assert.Equal(Collaborators.MaxMoviesRead, read.Count);
        var expected = credits.OrderByDescending(c => c.Popularity).ThenBy(c => c.Id).Take(Collaborators.MaxMoviesRead).Select(c => c.Id);
        Assert.Equal(expected.Order(), read.Order());
        Assert.Equal((Collaborators.MaxMoviesRead + 1) * 10, Collaborators.Impact);
    }

    [Fact]
    public async Task First_defaults_to_ten_and_zero_gives_none()
    {
        var data = await _client.DataAsync("{ actor(tmdbId: 287) { ten: collaborators { count } none: collaborators(first: 0) { count } } }");
        Assert.Equal(10, data["actor"]!["ten"]!.AsArray().Count);
        Assert.Empty(data["actor"]!["none"]!.AsArray());
    }

    [Fact]
    public async Task An_actor_with_fewer_co_stars_than_asked_for_lists_them_all()
    {
        var actor = Data.Actors.Order().First(a => ExpectedCollaborators(a).Count is > 0 and < 5);
        var data = await _client.DataAsync($"{{ actor(tmdbId: {actor}) {{ collaborators(first: 50) {{ actor {{ tmdbId }} }} }} }}");
        Assert.Equal(ExpectedCollaborators(actor).Select(e => e.Actor), data["actor"]!["collaborators"]!.AsArray().Select(c => c!["actor"]!["tmdbId"]!.GetValue<int>()));
    }

    // actor 10 + collaborators + first × (count 1), or first × (movies 1 + the stated 5 movies × title 1).
    [Theory]
    [InlineData("{ actor(tmdbId: 287) { collaborators(first: 5) { count } } }", 10 + Collaborators.Impact + 5 * 1)]
    [InlineData("{ actor(tmdbId: 287) { collaborators { count } } }", 10 + Collaborators.Impact + 10 * 1)]
    [InlineData("{ actor(tmdbId: 287) { collaborators(first: 50) { movies { title } } } }", 10 + Collaborators.Impact + 50 * (1 + 5 * 1))]
    public async Task The_cost_model_weighs_collaborators_by_the_movies_read_and_the_co_stars_asked_for(string query, double cost) =>
        Assert.Equal(cost, await CostProbe.CostAsync(_client.Http, query));

    [Fact]
    public async Task The_cost_of_the_movies_read_follows_the_cost_of_a_tmdb_field()
    {
        await using var pricier = new ApiFactory().With("QueryLimits:TmdbFieldCost", "12");
        var cost = await CostProbe.CostAsync(pricier.CreateClient(), "{ actor(tmdbId: 287) { collaborators(first: 5) { count } } }");
        Assert.Equal(12 + (Collaborators.MaxMoviesRead + 1) * 12 + 5 * 1, cost);
    }

    [Fact]
    public async Task The_cost_follows_first_when_it_is_a_variable()
    {
        // The same document twice: a cached document must still be measured with each request's variables.
        const string query = "query($first: Int) { actor(tmdbId: 287) { collaborators(first: $first) { count } } }";
        Assert.Equal(10 + Collaborators.Impact + 5, await CostProbe.CostAsync(_client.Http, query, new { first = 5 }));
        Assert.Equal(10 + Collaborators.Impact + 40, await CostProbe.CostAsync(_client.Http, query, new { first = 40 }));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(51)]
    public async Task First_outside_zero_to_fifty_is_bad_user_input(int first)
    {
        var response = await _client.PostAsync($"{{ actor(tmdbId: 287) {{ name collaborators(first: {first}) {{ count }} }} }}");
        Assert.Equal("BAD_USER_INPUT", response.FirstCode);
        Assert.Equal("first", response.Errors![0]!["extensions"]!["argument"]!.GetValue<string>());
    }

    [Fact]
    public async Task Collaborators_work_wherever_an_actor_appears()
    {
        var data = await _client.DataAsync("{ movie(tmdbId: 550) { cast(first: 2) { actor { tmdbId collaborators(first: 3) { actor { tmdbId } count } } } } }");
        foreach (var member in data["movie"]!["cast"]!.AsArray())
        {
            var actor = member!["actor"]!["tmdbId"]!.GetValue<int>();
            var expected = ExpectedCollaborators(actor).Take(3).ToArray();
            var collaborators = member["actor"]!["collaborators"]!.AsArray();
            Assert.Equal(expected.Select(e => e.Actor), collaborators.Select(c => c!["actor"]!["tmdbId"]!.GetValue<int>()));
            Assert.Equal(expected.Select(e => e.Movies.Count), collaborators.Select(c => c!["count"]!.GetValue<int>()));
        }
    }
}
