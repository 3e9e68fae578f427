using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;

namespace ActorSync.GraphQL.Tests.Actors;

/// <summary><c>Actor.collaborators</c> in live mode, against a loopback TMDB.</summary>
public sealed class CollaboratorLiveTests : LiveTmdbTestBase
{
    private const int MargotRobbie = 234352;
    private const int SamuelLJackson = 2231; // the most prolific actor of the snapshot

    private ApiFactory _factory = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The client-side rate limit (40/s) would only make the suite slower; the calls are what is under test.
        _factory = LiveApi(("Tmdb:Resilience:RequestsPerSecond", "1000"));
    }

    [Fact]
    public async Task Collaborators_read_every_credited_movie_once_and_nothing_twice()
    {
        const int actor = 819; // Edward Norton
        var credited = Expected.Credits(actor).Select(c => $"/3/movie/{c.MovieId}").Order().ToArray();

        var data = await new GraphQLClient(_factory.CreateClient()).DataAsync(
            $"{{ actor(tmdbId: {actor}) {{ name collaborators(first: 5) {{ count actor {{ name popularity }} movies {{ title }} }} }} }}");

        Assert.Equal(5, data["actor"]!["collaborators"]!.AsArray().Count);
        Assert.Equal(credited, Tmdb.Calls.Select(c => c.Path).Where(p => p.StartsWith("/3/movie/", StringComparison.Ordinal)).Order().ToArray());
        Assert.All(Tmdb.Calls.GroupBy(c => c.Path), g => Assert.Single(g));
    }

    [Fact]
    public async Task Margot_Robbies_top_five_co_stars_cost_her_person_and_her_movies_and_no_co_star()
    {
        string[] expected = [$"/3/person/{MargotRobbie}", .. Expected.Credits(MargotRobbie).Select(c => $"/3/movie/{c.MovieId}")];

        var data = await new GraphQLClient(_factory.CreateClient()).DataAsync(
            $"{{ actor(tmdbId: {MargotRobbie}) {{ collaborators(first: 5) {{ count actor {{ tmdbId name popularity }} }} }} }}");

        Assert.Equal(5, data["actor"]!["collaborators"]!.AsArray().Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), Tmdb.Calls.Select(c => c.Path).Order(StringComparer.Ordinal));
        Assert.InRange(Tmdb.TotalCalls, 2, 20);
    }

    [Fact]
    public async Task A_co_stars_details_are_loaded_when_a_field_asks_for_them_and_only_then()
    {
        var data = await new GraphQLClient(_factory.CreateClient()).DataAsync(
            $"{{ actor(tmdbId: {MargotRobbie}) {{ collaborators(first: 3) {{ actor {{ tmdbId credits {{ movie {{ tmdbId }} }} }} }} }} }}");

        var costars = data["actor"]!["collaborators"]!.AsArray().Select(c => c!["actor"]!).ToArray();
        Assert.Equal(3, costars.Length);
        Assert.All(costars, c => Assert.Equal(
            Expected.Credits(c["tmdbId"]!.GetValue<int>()).Select(x => x.MovieId).Order(),
            c["credits"]!.AsArray().Select(m => m!["movie"]!["tmdbId"]!.GetValue<int>()).Order()));
        var people = Tmdb.Calls.Select(c => c.Path).Where(p => p.StartsWith("/3/person/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(
            costars.Select(c => $"/3/person/{c["tmdbId"]!.GetValue<int>()}").Append($"/3/person/{MargotRobbie}").Order(StringComparer.Ordinal),
            people);
    }

    [Theory]
    [InlineData("{ actor(tmdbId: 2231) { collaborators(first: 50) { count } } }")]
    // Met as a cast entry, the actor has no credits yet: the field reads the person too.
    [InlineData("{ movie(tmdbId: 326) { cast(first: 1) { actor { collaborators(first: 5) { count } } } } }")]
    public async Task Collaborators_of_the_most_prolific_actor_call_tmdb_no_more_than_their_cost_allows(string query)
    {
        var client = new GraphQLClient(_factory.CreateClient());
        var cost = await CostProbe.CostAsync(client.Http, query);
        Assert.Equal(0, Tmdb.TotalCalls);

        var response = await client.PostAsync(query);

        Assert.Null(response.Errors);
        Assert.True(Tmdb.TotalCalls > Expected.Credits(SamuelLJackson).Count, "The query did not rank Samuel L. Jackson's co-stars.");
        Assert.True(Tmdb.TotalCalls <= cost / 10, $"{Tmdb.TotalCalls} TMDB calls for a cost of {cost}.");
    }
}
