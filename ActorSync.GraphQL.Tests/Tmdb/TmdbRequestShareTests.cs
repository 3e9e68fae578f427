using System.Collections.Concurrent;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;

namespace ActorSync.GraphQL.Tests.Tmdb;

/// <summary>
/// Each request's fair share of the live client (<c>Tmdb:FairShare</c>), through the GraphQL endpoint against a loopback
/// TMDB, with the client limited to 5 calls a second: a comparison of 10 cold movies (10 calls) is running when a search
/// (1 call) arrives. Order is what is compared, never elapsed time.
/// </summary>
public sealed class TmdbRequestShareTests : LiveTmdbTestBase
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private GraphQLClient Client(int? callsInFlightPerRequest)
    {
        var factory = LiveApi(("Tmdb:Resilience:RequestsPerSecond", "5"));
        if (callsInFlightPerRequest is { } places)
            factory.With("Tmdb:FairShare:CallsInFlightPerRequest", places.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new GraphQLClient(factory.CreateClient());
    }

    private static readonly string Comparison = $"{{ compareMovies(tmdbIds: [{string.Join(",", SnapshotOracle.Instance.Movies.Keys.Order().Take(10))}]) {{ movies {{ title }} }} }}";
    private const string Search = "{ searchActors(query: \"tom\", first: 5) { totalCount } }";

    /// <summary>Starts the comparison, waits until it has spent the client's first second of calls, then sends the search.</summary>
    private async Task<(string[] Finished, string[] TmdbCalls)> RaceAsync(GraphQLClient client)
    {
        var finished = new ConcurrentQueue<string>();
        var comparison = Run("comparison", Comparison);
        using (var timeout = new CancellationTokenSource(Patience))
        {
            while (Tmdb.TotalCalls < 5)
                await Task.Delay(10, timeout.Token);
        }
        var search = Run("search", Search);
        await Task.WhenAll(comparison, search).WaitAsync(Patience);
        return ([.. finished], [.. Tmdb.Calls.Select(c => c.Path)]);

        async Task Run(string name, string query)
        {
            var response = await client.PostAsync(query);
            Assert.Null(response.Errors);
            finished.Enqueue(name);
        }
    }

    [Fact]
    public async Task A_one_call_search_passes_a_big_request_that_holds_only_its_share_of_the_queue()
    {
        var (finished, calls) = await RaceAsync(Client(callsInFlightPerRequest: null));

        Assert.Equal(["search", "comparison"], finished);
        Assert.Equal(11, calls.Length);
        // The search reached TMDB before the comparison's last movies: it queued behind 4 of them, not behind all.
        var searchAt = Array.FindIndex(calls, c => c.StartsWith("/3/search/", StringComparison.Ordinal));
        Assert.InRange(searchAt, 5, 9);
    }

    [Fact]
    public async Task Without_a_share_the_search_waits_behind_every_call_the_big_request_queued()
    {
        // As many places as the data loader's bound: the comparison queues all of its calls at once.
        var (finished, calls) = await RaceAsync(Client(callsInFlightPerRequest: 16));

        Assert.Equal(["comparison", "search"], finished);
        Assert.Equal("/3/search/person", calls[^1]);
    }
}
