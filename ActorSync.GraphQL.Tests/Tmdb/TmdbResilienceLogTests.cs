using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ActorSync.GraphQL.Tests.Tmdb;

/// <summary>What the live client logs while TMDB fails: a few events, not a line (and a stack trace) per attempt.</summary>
public sealed class TmdbResilienceLogTests(ITestOutputHelper output) : LiveTmdbTestBase
{
    private ApiFactory _factory = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _factory = LiveApi(
            ("Tmdb:Resilience:RetryBaseDelay", "00:00:00.020"),
            ("Tmdb:Resilience:MinimumThroughput", "2"),
            ("Tmdb:Resilience:AttemptTimeout", "00:00:00.300"),
            ("Tmdb:Resilience:TotalTimeout", "00:00:01.500"),
            // No probe during the test: the outage is one long break.
            ("Tmdb:Resilience:FirstBreakDuration", "00:01:00"),
            ("Tmdb:Resilience:MaxBreakDuration", "00:01:00"));
    }

    /// <summary>What Production writes with appsettings.json's levels: Information and up, ASP.NET Core and FusionCache from Warning.</summary>
    private static bool Written(string line)
    {
        var level = line[..line.IndexOf(' ')];
        var category = line[(level.Length + 1)..line.IndexOf(':')];
        var minimum = category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || category.StartsWith("ZiggyCreatures.Caching.Fusion", StringComparison.Ordinal)
            ? 3
            : 2;
        return Array.IndexOf(["Trace", "Debug", "Information", "Warning", "Error", "Critical"], level) >= minimum;
    }

    private static bool IsRequestLine(string line) => line.Contains(" ActorSync.GraphQL.Observability.RequestLogMiddleware:", StringComparison.Ordinal);

    [Fact]
    public async Task Fifty_requests_during_an_outage_log_a_handful_of_lines_without_polly_lines_or_stack_traces()
    {
        var client = new GraphQLClient(_factory.CreateClient());
        // Start-up finished first (its lines are not the outage's): the lifetime's lines, which a loaded machine may
        // write late, and what the first GraphQL request builds (the endpoint, the trusted documents).
        await client.DataAsync("{ __typename }");
        for (var waited = 0; waited < 100 && !_factory.Logs.All.Contains("Application started", StringComparison.Ordinal); waited++)
            await Task.Delay(50);
        var startUp = _factory.Logs.Lines.Count;
        Tmdb.FailAlways(503);
        for (var id = 1; id <= 50; id++)
            Assert.Equal("UPSTREAM_UNAVAILABLE", (await client.PostAsync($"{{ actor(tmdbId: {id}) {{ name }} }}")).FirstCode);

        var lines = _factory.Logs.Lines.Skip(startUp);
        var events = lines.Where(Written).Where(l => !IsRequestLine(l)).ToArray();
        Assert.DoesNotContain(events, l => l.Contains(" Polly:", StringComparison.Ordinal));
        // The calls that failed before the circuit opened (one warning each, no trace) and the opening itself.
        Assert.True(events.Length <= 5, string.Join("\n", events));
        Assert.Single(events, l => l.Contains("TMDB circuit opened", StringComparison.Ordinal));
        Assert.All(events, l => Assert.DoesNotContain("   at ", l));
    }

    [Fact]
    public async Task A_run_with_an_outage_slowness_and_429s_logs_under_a_kilobyte_per_request()
    {
        await using var factory = new ApiFactory()
            .Live(Tmdb.BaseUrl, Tmdb.ApiKey)
            .With("Tmdb:Resilience:RetryBaseDelay", "00:00:00.020")
            .With("Tmdb:Resilience:MinimumThroughput", "2")
            .With("Tmdb:Resilience:AttemptTimeout", "00:00:00.300")
            .With("Tmdb:Resilience:TotalTimeout", "00:00:01.500")
            .With("Tmdb:Resilience:FirstBreakDuration", "00:00:00.200")
            .With("Tmdb:Resilience:MaxBreakDuration", "00:00:00.500")
            .With("Tmdb:Resilience:MaxRetryAfter", "00:00:00.100");
        // Production's writer (JSON lines) with appsettings.json's levels, besides the capture.
        var json = new MemoryStream();
        var production = new JsonLinesLoggerProvider(json);
        var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(logging => logging.AddProvider(production)));
        var client = new GraphQLClient(app.CreateClient());
        await Task.Delay(200); // the start-up lines are written
        long startUpBytes;
        lock (json)
            startUpBytes = json.Length;
        var startUp = factory.Logs.Lines.Count;
        var requests = 0;
        var next = 1;
        async Task<GraphQLResponse> AskAsync()
        {
            requests++;
            next++;
            return await client.PostAsync($"{{ actor(tmdbId: {next}) {{ name }} movie(tmdbId: {next}) {{ title }} }}");
        }
        async Task AskManyAsync(int count)
        {
            for (var i = 0; i < count; i++)
                await AskAsync();
        }

        await AskManyAsync(20);
        Tmdb.FailAlways(503);
        await AskManyAsync(40);
        Tmdb.Heal();
        for (var i = 0; i < 100 && (await AskAsync()).Errors is not null; i++)
            await Task.Delay(50);
        Tmdb.RateLimitNext(1, retryAfterSeconds: 1);
        await AskManyAsync(30);
        await Task.Delay(1100);
        Tmdb.HangNext(6);
        await AskManyAsync(30);

        await app.DisposeAsync();
        production.Dispose();
        var bytes = json.ToArray().LongLength - startUpBytes;
        var written = factory.Logs.Lines.Skip(startUp).Where(Written).ToArray();
        output.WriteLine($"{requests} requests: {bytes} bytes of JSON log lines, {bytes / requests} bytes per request; {written.Length} lines "
            + $"({written.Count(IsRequestLine)} request lines; the rest:)\n{string.Join("\n", written.Where(l => !IsRequestLine(l)))}");
        Assert.True(bytes > 0, "the JSON writer wrote nothing");
        Assert.True(bytes < 1024L * requests, $"{bytes} bytes of logs for {requests} requests");
    }
}
