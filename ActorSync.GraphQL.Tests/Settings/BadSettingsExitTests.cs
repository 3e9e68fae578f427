using System.Text.Json;
using ActorSync.GraphQL.Composition;
using ActorSync.GraphQL.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ActorSync.GraphQL.Tests.Settings;

/// <summary>
/// The built app, run as a process in Production with one kind of bad setting each: it exits with code 1 after one
/// JSON log line naming the variables, with no stack trace and no secret. The runs start together (the fixture), so
/// the class takes about as long as its slowest run.
/// </summary>
public sealed class BadSettingsExitTests(BadSettingsExitTests.Runs runs, ITestOutputHelper output) : IClassFixture<BadSettingsExitTests.Runs>
{
    private const string TmdbKey = "tmdb-key-never-echoed-5f4e3d";
    private const string RedisPassword = "redis-password-never-echoed";
    private const string DsnKey = "dsnkeyneverechoed";

    /// <summary>Each case: the variables set (beyond Production and offline mode) and the variables the line must name.</summary>
    private static readonly Dictionary<string, (Dictionary<string, string?> Set, string[] Named)> Cases = new()
    {
        ["not a number"] = (new() { ["QueryLimits__MaxCost"] = "abc" }, ["QueryLimits__MaxCost"]),
        ["zero where a positive number is needed"] = (new() { ["RateLimits__SearchPerWindow"] = "0" }, ["RateLimits__SearchPerWindow"]),
        ["a whole number out of range"] = (new() { ["Tmdb__Resilience__MaxRetries"] = "-1" }, ["Tmdb__Resilience__MaxRetries"]),
        ["a negative size"] = (new() { ["Caching__MemoryLimitMb"] = "-5" }, ["Caching__MemoryLimitMb"]),
        ["a duration that is not one"] = (new() { ["GraphQLHttp__BodyReadTimeout"] = "30s" }, ["GraphQLHttp__BodyReadTimeout"]),
        ["an unknown TMDB_MODE"] = (new() { ["TMDB_MODE"] = "sometimes" }, ["TMDB_MODE"]),
        ["a REDIS_URL that is not a URL"] = (new() { ["REDIS_URL"] = "not a url" }, ["REDIS_URL"]),
        ["an OTLP endpoint that is not a URL"] = (new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "collector:4317" }, ["OTEL_EXPORTER_OTLP_ENDPOINT"]),
        ["a TRUSTED_PROXIES entry that is not a CIDR network"] = (new() { ["TRUSTED_PROXIES"] = "10.0.0.0/33" }, ["TRUSTED_PROXIES"]),
        ["live mode without TMDB_API_KEY"] = (new() { ["TMDB_MODE"] = "live" }, ["TMDB_API_KEY"]),
        ["a misspelt setting"] = (new() { ["QueryLimits__MaxCots"] = "500" }, ["QueryLimits__MaxCots"]),
        ["several at once, with secrets"] = (new()
        {
            ["TMDB_MODE"] = "sometimes",
            ["TMDB_API_KEY"] = TmdbKey,
            ["REDIS_URL"] = $"redis://:{RedisPassword}@cache:6379/not-a-db",
            ["SENTRY_DSN"] = $"ftp://{DsnKey}@sentry.example.com/1",
            ["QueryLimits__MaxCost"] = "abc",
            ["Caching__MemoryLimitMb"] = "-5",
            ["Logging__LogLevel__Default"] = "verbose",
        }, ["TMDB_MODE", "REDIS_URL", "SENTRY_DSN", "QueryLimits__MaxCost", "Caching__MemoryLimitMb", "Logging__LogLevel__Default"]),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_bad_setting_exits_1_with_one_json_line_naming_the_variables(string name)
    {
        var (result, elapsed) = await runs.Of(name);
        output.WriteLine($"{name}: exit code {result.ExitCode} after {elapsed.TotalMilliseconds:0} ms (all runs started together)");

        Assert.True(result.ExitCode == SettingsFailure.ExitCode, result.Describe());
        var all = result.StandardOutput + result.StandardError;
        var line = Assert.Single(all.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Empty(result.StandardError);
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("Critical", root.GetProperty("LogLevel").GetString());
        Assert.Equal(SettingsFailure.Category, root.GetProperty("Category").GetString());
        var named = root.GetProperty("State").GetProperty("Variables").EnumerateArray().Select(v => v.GetString()).ToList();
        foreach (var variable in Cases[name].Named)
        {
            Assert.Contains(variable, named);
            Assert.Contains(variable, root.GetProperty("Message").GetString(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", all, StringComparison.Ordinal);
        foreach (var secret in new[] { TmdbKey, RedisPassword, DsnKey })
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        // The target is well under 2 s; the bound only catches a hang (other test processes share the machine).
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"{name} took {elapsed}");
    }

    [Fact]
    public async Task In_development_the_line_is_plain_text_on_standard_error()
    {
        var (result, _) = await runs.Development;

        Assert.Equal(SettingsFailure.ExitCode, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Equal(
            "ActorSync cannot start: QueryLimits__MaxCost must be a number from 1 to 1000000000; got \"abc\".",
            Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }

    /// <summary>Every case's process, started at once when the class starts.</summary>
    public sealed class Runs
    {
        private readonly Dictionary<string, Task<(ProcessResult, TimeSpan)>> _runs;

        public Runs()
        {
            _runs = Cases.ToDictionary(c => c.Key, c => Start("Production", c.Value.Set));
            Development = Start("Development", new() { ["QueryLimits__MaxCost"] = "abc" });
        }

        public Task<(ProcessResult Result, TimeSpan Elapsed)> Development { get; }

        public Task<(ProcessResult Result, TimeSpan Elapsed)> Of(string name) => _runs[name];

        /// <summary>Only these variables: the environment, offline mode unless the case says otherwise, a loopback address.</summary>
        private static Task<(ProcessResult, TimeSpan)> Start(string environment, Dictionary<string, string?> set)
        {
            var variables = new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = environment,
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["TMDB_MODE"] = "offline",
            };
            foreach (var (key, value) in set)
                variables[key] = value;
            return AppProcess.RunAsync(variables, TimeSpan.FromSeconds(60));
        }
    }
}
