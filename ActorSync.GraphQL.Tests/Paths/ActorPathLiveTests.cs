using ActorSync.GraphQL.DataLoading;
using ActorSync.GraphQL.Paths;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Paths;

/// <summary><c>actorPath</c> in live mode, against a loopback TMDB: what it calls, and the budget that bounds it.</summary>
public sealed class ActorPathLiveTests : IAsyncLifetime
{
    private const int DefaultLiveBudget = 300;

    private TmdbEmulator _tmdb = null!;
    private readonly List<ApiFactory> _factories = [];

    private static ActorGraph Graph => ActorGraph.Instance;

    public async Task InitializeAsync() => _tmdb = await TmdbEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
            await factory.DisposeAsync();
        await _tmdb.DisposeAsync();
    }

    private ApiFactory Live()
    {
        var factory = new ApiFactory()
            .Live(_tmdb.BaseUrl, _tmdb.ApiKey)
            // The client-side rate limit (40/s) would only make the suite slower; the budget is what is under test.
            .With("Tmdb:Resilience:RequestsPerSecond", "1000");
        _factories.Add(factory);
        return factory;
    }

    /// <summary>
    /// Any search for a chain of 3 degrees takes 6 half-steps split between the two ends, so one end grows by at least 3:
    /// it reads its own movies, then all its co-stars. Both ends having more of those than the budget, the search cannot
    /// finish within it, whichever side it grows.
    /// </summary>
    private static (int From, int To) PairBeyondTheBudget()
    {
        int Reach(int actor) => Graph.MoviesOf(actor).Count + Graph.CoStarsOf(actor).Count;
        var big = Graph.Actors.Where(a => Reach(a) > DefaultLiveBudget).ToArray();
        var random = new Random(300);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var from = big[random.Next(big.Length)];
            var degrees = Graph.Degrees(from, 3);
            var far = big.Where(b => degrees.GetValueOrDefault(b) == 3).Order().ToArray();
            if (far.Length > 0)
                return (from, far[random.Next(far.Length)]);
        }
        throw new InvalidOperationException("no pair of well-connected actors three degrees apart");
    }

    [Fact]
    public async Task A_live_search_over_its_budget_fails_with_path_search_limit_having_called_tmdb_no_more_than_the_budget()
    {
        var (from, to) = PairBeyondTheBudget();
        var client = new GraphQLClient(Live().CreateClient());

        var query = $"{{ actorPath(fromTmdbId: {from}, toTmdbId: {to}) {{ degrees }} }}";
        var cost = await CostProbe.CostAsync(client.Http, query);

        var response = await client.PostAsync(query);

        Assert.Equal("PATH_SEARCH_LIMIT", response.FirstCode);
        Assert.Equal(DefaultLiveBudget, response.Errors![0]!["extensions"]!["limit"]!.GetValue<int>());
        Assert.Null(response.Data!["actorPath"]);
        Assert.InRange(_tmdb.TotalCalls, 2, DefaultLiveBudget);
        // The cost covers the budget: a search calls TMDB no more than its cost allows at 10 a call.
        Assert.True(_tmdb.TotalCalls <= cost / 10, $"{_tmdb.TotalCalls} TMDB calls for a cost of {cost}.");
    }

    [Fact]
    public async Task A_live_search_calls_tmdb_once_per_resource_it_reads_one_batch_per_half_step()
    {
        var (from, to) = ActorPathQueryTests.PairAt(2, seed: 12);
        var factory = Live();

        using var scope = factory.Services.CreateScope();
        var people = scope.ServiceProvider.GetRequiredService<PersonLoader>();
        var movies = scope.ServiceProvider.GetRequiredService<MovieLoader>();
        var finder = factory.Services.GetRequiredService<PathFinder>();
        Assert.Equal(DefaultLiveBudget, finder.MaxResources);
        var result = await finder.FindAsync(people, movies, from, to, maxDepth: 3, CancellationToken.None);

        Assert.Equal(2, result.Path!.Degrees);
        Assert.Equal(3, result.Batches);
        Assert.Equal(result.Batches, people.BatchCount + movies.BatchCount);
        Assert.Equal(result.ResourcesRead, _tmdb.TotalCalls);
        Assert.All(_tmdb.Calls.GroupBy(c => c.Path), g => Assert.Single(g));
    }

    [Fact]
    public async Task Live_mode_finds_the_same_path_as_offline_mode()
    {
        var (from, to) = ActorPathQueryTests.PairAt(2, seed: 22);
        var query = $"{{ actorPath(fromTmdbId: {from}, toTmdbId: {to}) {{ degrees steps {{ from {{ name }} movie {{ title releaseYear }} to {{ name }} }} }} }}";

        await using var offline = new ApiFactory();
        var expected = await new GraphQLClient(offline.CreateClient()).PostAsync(query);
        var actual = await new GraphQLClient(Live().CreateClient()).PostAsync(query);

        Assert.Null(expected.Errors);
        Assert.Equal(expected.Body, actual.Body);
    }
}
