using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using ActorSync.Tmdb.Http;

namespace ActorSync.GraphQL.Tests.Tmdb;

/// <summary>
/// How the live client's circuit breaker and timeouts follow TMDB: short breaks that grow while TMDB stays down, a slow
/// TMDB waited for rather than taken for down, and an outage that logs a few lines, not one per call.
/// </summary>
public sealed partial class TmdbRecoveryTests : LiveTmdbTestBase
{
    private ApiFactory Live(params (string Key, string Value)[] settings) =>
        // Two failed calls in the sample open the circuit: outages are short to stage.
        LiveApi([("Tmdb:Resilience:RetryBaseDelay", "00:00:00.020"), ("Tmdb:Resilience:MinimumThroughput", "2"), .. settings]);

    private static async Task<string> CircuitAsync(ApiFactory factory)
    {
        using var response = await factory.CreateClient().GetAsync("/health/complete");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["checks"]!["tmdb_api"]!["circuit"]!.GetValue<string>();
    }

    private static double[] Breaks(ApiFactory factory) =>
        factory.Logs.Lines.Select(l => OpenedFor().Match(l)).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();

    [GeneratedRegex(@"circuit opened for ([0-9.]+) s")]
    private static partial Regex OpenedFor();

    /// <summary>Sends requests for fresh actors (one at a time, ~50 ms apart) until <paramref name="done"/> or the tries run out.</summary>
    private static async Task<bool> KeepAskingAsync(GraphQLClient client, Func<GraphQLResponse, bool> done, int tries = 200)
    {
        for (var i = 0; i < tries; i++)
        {
            var response = await client.PostAsync($"{{ actor(tmdbId: {Ids.Next()}) {{ name }} }}");
            if (done(response))
                return true;
            await Task.Delay(50);
        }
        return false;
    }

    /// <summary>Ids of people in the snapshot, each used once, so no answer comes from a cache.</summary>
    private static class Ids
    {
        private static readonly int[] People = [.. SnapshotOracle.Instance.People.Keys.Order()];
        private static int _next;

        public static int Next() => People[Interlocked.Increment(ref _next) % People.Length];
    }

    [Fact]
    public async Task After_an_outage_the_first_probe_closes_the_circuit_and_requests_succeed_again()
    {
        var factory = Live(("Tmdb:Resilience:FirstBreakDuration", "00:00:01"));
        var client = new GraphQLClient(factory.CreateClient());
        Tmdb.FailAlways(503);

        Assert.True(await KeepAskingAsync(client, _ => Breaks(factory).Length > 0, tries: 20), "the circuit never opened");
        Assert.Equal("open", await CircuitAsync(factory));
        Assert.Equal(1.0, Breaks(factory)[0]);

        Tmdb.Heal();
        Assert.True(await KeepAskingAsync(client, r => r.Errors is null), "requests never succeeded again");
        Assert.Equal("closed", await CircuitAsync(factory));
        Assert.Contains(factory.Logs.Lines, l => l.Contains("TMDB circuit closed", StringComparison.Ordinal));
        // Only the first (1 s) break ran: recovery did not wait out a long fixed break.
        Assert.Equal([1.0], Breaks(factory));
    }

    [Fact]
    public async Task While_tmdb_stays_down_each_failed_probe_doubles_the_break_up_to_the_maximum_and_recovery_resets_it()
    {
        var factory = Live(("Tmdb:Resilience:FirstBreakDuration", "00:00:00.500"), ("Tmdb:Resilience:MaxBreakDuration", "00:00:02"));
        var client = new GraphQLClient(factory.CreateClient());
        Tmdb.FailAlways(503);

        Assert.True(await KeepAskingAsync(client, _ => Breaks(factory).Length >= 4), "the circuit did not open four times");
        Assert.Equal([0.5, 1.0, 2.0, 2.0], Breaks(factory).Take(4));

        Tmdb.Heal();
        Assert.True(await KeepAskingAsync(client, r => r.Errors is null), "requests never succeeded again");
        var before = Breaks(factory).Length;

        Tmdb.FailAlways(503);
        Assert.True(await KeepAskingAsync(client, _ => Breaks(factory).Length > before, tries: 20), "the circuit never opened again");
        Assert.Equal(0.5, Breaks(factory)[before]);
    }

    [Fact]
    public async Task A_tmdb_slower_than_the_old_attempt_timeout_is_waited_for_and_not_counted_as_down()
    {
        // Three calls at once, each slower than the former 3 s attempt timeout: with two failures the circuit would open.
        var factory = Live();
        var client = new GraphQLClient(factory.CreateClient());
        Tmdb.Latency = TimeSpan.FromSeconds(3.5);

        var responses = await Task.WhenAll(new[] { 287, 819, 1283 }.Select(id => client.PostAsync($"{{ actor(tmdbId: {id}) {{ name }} }}")));

        Assert.All(responses, r => Assert.Null(r.Errors));
        Assert.Equal(1, Tmdb.CallsTo("/3/person/287"));
        Assert.Equal(1, Tmdb.CallsTo("/3/person/819"));
        Assert.Equal(1, Tmdb.CallsTo("/3/person/1283"));
        Tmdb.Latency = TimeSpan.Zero;
        Assert.Equal("closed", await CircuitAsync(factory));
        Assert.Empty(Breaks(factory));
    }

    [Fact]
    public void The_attempt_timeout_defaults_close_to_the_total_budget_and_the_longest_break_to_a_few_seconds()
    {
        var defaults = new TmdbResilienceOptions();
        Assert.True(defaults.AttemptTimeout >= TimeSpan.FromSeconds(6) && defaults.AttemptTimeout < defaults.TotalTimeout);
        Assert.True(defaults.MaxBreakDuration <= TimeSpan.FromSeconds(5), "errors must end within about 5 s of TMDB's recovery");
    }

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(1, 2000)]
    [InlineData(2, 4000)]
    [InlineData(3, 5000)]
    [InlineData(40, 5000)]
    public void The_break_doubles_with_each_failed_probe_up_to_the_maximum(int failedProbes, int expectedMs)
    {
        var duration = TmdbCircuit.BreakDuration(failedProbes, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), duration);
    }
}
