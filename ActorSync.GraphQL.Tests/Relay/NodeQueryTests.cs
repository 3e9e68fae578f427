using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Relay;

public sealed class NodeQueryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly GraphQLClient _client = new(factory.CreateClient());
    private static SnapshotOracle Data => SnapshotOracle.Instance;

    [Fact]
    public async Task A_global_id_fetches_the_same_actor_or_movie_back()
    {
        var actorId = Expected.SampleActors(1, seed: 2).Single();
        var movieId = Data.Movies.Keys.Order().First();
        var ids = await _client.DataAsync($"{{ actor(tmdbId: {actorId}) {{ id }} movie(tmdbId: {movieId}) {{ id }} }}");
        var actorGlobal = ids["actor"]!["id"]!.GetValue<string>();
        var movieGlobal = ids["movie"]!["id"]!.GetValue<string>();
        Assert.NotEqual(actorGlobal, movieGlobal);
        Assert.DoesNotContain(actorId.ToString(), actorGlobal); // opaque

        var data = await _client.DataAsync(
            "query($a: ID!, $m: ID!) { a: node(id: $a) { __typename id ... on Actor { name } } m: node(id: $m) { __typename ... on Movie { title } } both: nodes(ids: [$m, $a]) { __typename } }",
            new { a = actorGlobal, m = movieGlobal });

        Assert.Equal("Actor", data["a"]!["__typename"]!.GetValue<string>());
        Assert.Equal(actorGlobal, data["a"]!["id"]!.GetValue<string>());
        Assert.Equal(Data.People[actorId].Name, data["a"]!["name"]!.GetValue<string>());
        Assert.Equal(Data.Movies[movieId].Title, data["m"]!["title"]!.GetValue<string>());
        Assert.Equal(["Movie", "Actor"], data["both"]!.AsArray().Select(n => n!["__typename"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_well_formed_id_of_nothing_is_null_and_a_malformed_one_is_bad_user_input()
    {
        var unknown = Enumerable.Range(1, 1000).First(id => !Data.People.ContainsKey(id));
        var unknownGlobal = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Actor:{unknown}")).TrimEnd('=');
        var data = await _client.DataAsync($"{{ node(id: \"{unknownGlobal}\") {{ id }} }}");
        Assert.Null(data["node"]);

        var response = await _client.PostAsync("{ node(id: \"definitely-not-an-id\") { id } }");
        Assert.Equal("BAD_USER_INPUT", response.FirstCode);
    }
}
