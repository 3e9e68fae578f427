using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;

namespace ActorSync.GraphQL.Tests.Actors;

/// <summary><c>Actor.collaborators</c> in live mode, against a loopback TMDB.</summary>
public sealed class CollaboratorLiveTests : IAsyncLifetime
{
    private TmdbEmulator _tmdb = null!;
    private ApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _tmdb = await TmdbEmulator.StartAsync();
        _factory = new ApiFactory()
            .Live(_tmdb.BaseUrl, _tmdb.ApiKey);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _tmdb.DisposeAsync();
    }

    [Fact]
    public async Task Collaborators_read_every_credited_movie_once_and_nothing_twice()
    {
        const int actor = 819; // Edward Norton
        var credited = Expected.Credits(actor).Select(c => $"/3/movie/{c.MovieId}").Order().ToArray();

        var data = await new GraphQLClient(_factory.CreateClient()).DataAsync(
            $"{{ actor(tmdbId: {actor}) {{ name collaborators(first: 5) {{ count actor {{ name popularity }} movies {{ title }} }} }} }}");

        Assert.Equal(5, data["actor"]!["collaborators"]!.AsArray().Count);
        Assert.Equal(credited, _tmdb.Calls.Select(c => c.Path).Where(p => p.StartsWith("/3/movie/", StringComparison.Ordinal)).Order().ToArray());
        Assert.All(_tmdb.Calls.GroupBy(c => c.Path), g => Assert.Single(g));
    }
}
