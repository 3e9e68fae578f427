using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>The process environment changes nothing in a test host: only the factory's own settings do.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    /// <summary>Tests that change the process's environment variables run alone, after the parallel ones.</summary>
    public const string Name = "Process environment";
}

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class HermeticHostTests
{
    private const string HostileOrigin = "https://evil.example";

    /// <summary>
    /// Each would change what a host does, or stop it from starting, if it reached the app: a CI job's Redis, a
    /// developer's live TMDB settings, a deploy's CORS origins, a bad port, a tiny cost limit, a host filter, an
    /// invalid collector URL, a Sentry DSN that is not one, a forwarded-headers switch and a URL to listen on.
    /// </summary>
    private static readonly (string Name, string Value)[] Hostile =
    [
        ("REDIS_URL", "redis://127.0.0.1:1"),
        ("TMDB_MODE", "live"),
        ("TMDB_API_KEY", "hostile-ambient-key"),
        ("TMDB_BASE_URL", "http://127.0.0.1:1"),
        ("ALLOWED_ORIGINS", HostileOrigin),
        ("PORT", "not-a-port"),
        ("QueryLimits__MaxCost", "1"),
        ("AllowedHosts", "evil.example"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url"),
        ("SENTRY_DSN", "not a dsn"),
        ("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true"),
        ("ASPNETCORE_URLS", "http://0.0.0.0:1"),
        ("DOTNET_ENVIRONMENT", "Production"),
    ];

    [Fact]
    public async Task An_in_memory_host_ignores_hostile_environment_variables()
    {
        await WithHostileEnvironmentAsync(async () =>
        {
            await using var factory = new ApiFactory();
            await AssertUntouchedAsync(factory);
        });
    }

    [Fact]
    public async Task A_kestrel_host_ignores_hostile_environment_variables()
    {
        await WithHostileEnvironmentAsync(async () =>
        {
            await using var factory = new KestrelApiFactory();
            Assert.True(System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(factory.BaseAddress.Host)));
            await AssertUntouchedAsync(factory);
        });
    }

    [Fact]
    public void A_section_variable_maps_to_its_key_and_a_host_variable_also_to_its_unprefixed_key()
    {
        Assert.Equal(["QueryLimits:MaxCost"], AmbientEnvironment.ConfigurationKeys("QueryLimits__MaxCost"));
        Assert.Equal(["ASPNETCORE_URLS", "URLS"], AmbientEnvironment.ConfigurationKeys("ASPNETCORE_URLS"));
        Assert.Equal(["DOTNET_ENVIRONMENT", "ENVIRONMENT"], AmbientEnvironment.ConfigurationKeys("DOTNET_ENVIRONMENT"));
    }

    [Fact]
    public void A_variable_is_reset_to_the_apps_own_setting_and_the_factorys_host_settings_are_left_alone()
    {
        var appSettings = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Logging:LogLevel:Default", "Information")])
            .Build();

        var resets = AmbientEnvironment.Resets(
            ["Logging__LogLevel__Default", "REDIS_URL", "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_CONTENTROOT"], appSettings);

        Assert.Equal("Information", resets["Logging:LogLevel:Default"]);
        Assert.Null(resets["REDIS_URL"]);
        Assert.Null(resets["ASPNETCORE_ENVIRONMENT"]);
        // UseEnvironment and the factory's content root set these; resetting them would undo the factory.
        Assert.False(resets.ContainsKey("ENVIRONMENT"));
        Assert.False(resets.ContainsKey("CONTENTROOT"));
    }

    private static async Task AssertUntouchedAsync(WebApplicationFactory<Program> factory)
    {
        var http = factory.CreateClient();

        using var health = await http.GetAsync("/health/complete");
        var json = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)health.StatusCode);
        Assert.Equal("memory", json["checks"]!["cache"]!["backend"]!.GetValue<string>());
        Assert.Equal("offline", json["checks"]!["tmdb_api"]!["mode"]!.GetValue<string>());

        // Under the ambient cost limit of 1 this would be QUERY_TOO_COMPLEX; under AllowedHosts, a 400.
        var response = await new GraphQLClient(http).PostAsync("{ actor(tmdbId: 287) { name } }");
        Assert.True(response.Errors is null, response.Body);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        preflight.Headers.Add("Origin", HostileOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var cors = await http.SendAsync(preflight);
        Assert.False(cors.Headers.Contains("Access-Control-Allow-Origin"), "The ambient ALLOWED_ORIGINS reached the app.");
    }

    /// <summary>Sets <see cref="Hostile"/> in this process for the length of <paramref name="test"/>, then restores every variable.</summary>
    private static async Task WithHostileEnvironmentAsync(Func<Task> test)
    {
        var saved = Hostile.Select(variable => (variable.Name, Value: Environment.GetEnvironmentVariable(variable.Name))).ToList();
        try
        {
            foreach (var (name, value) in Hostile)
                Environment.SetEnvironmentVariable(name, value);
            await test();
        }
        finally
        {
            foreach (var (name, value) in saved)
                Environment.SetEnvironmentVariable(name, value);
        }
    }
}
