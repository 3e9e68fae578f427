using ActorSync.GraphQL.Composition;
using ActorSync.GraphQL.Settings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>
/// The real app and HTTP pipeline, in memory, on the offline snapshot. Hermetic: the test process's environment
/// variables do not reach the app (<see cref="AmbientEnvironment"/>); only <see cref="With"/> settings do.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["TMDB_MODE"] = "offline",
        ["TMDB_API_KEY"] = "",
        // Suites send hundreds of requests from one client; the rate-limit tests turn limits back on.
        ["RateLimits:Enabled"] = "false",
    };

    /// <summary>Everything the app logged, at every level.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>The hosting environment (Testing unless a test needs Production or Development).</summary>
    public string Environment { get; set; } = "Testing";

    /// <summary>Live mode against a TMDB server: the emulator, or an address where nothing listens.</summary>
    public ApiFactory Live(string baseUrl, string key) =>
        With("TMDB_MODE", "live").With("TMDB_API_KEY", key).With("TMDB_BASE_URL", baseUrl);

    public ApiFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Registrations added after the app's own (a test's extra GraphQL listener or rule).</summary>
    public ApiFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>
    /// What the app's start-up check (<see cref="SettingsCheck"/>) finds in these settings: with any, the app writes
    /// them on one line and exits with code 1 before its host is built (the process tests in Settings/ show that part).
    /// </summary>
    public IReadOnlyList<SettingProblem> SettingsProblems()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(RepositoryRoot.Combine("ActorSync.GraphQL", "appsettings.json"), optional: true)
            .AddInMemoryCollection(_settings)
            .Build();
        return SettingsCheck.Problems(configuration, new HostingEnvironment { EnvironmentName = Environment, ApplicationName = "ActorSync.GraphQL" });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseHermeticSettings(_settings);
        builder.ConfigureServices(services =>
        {
            foreach (var configure in _services)
                configure(services);
        });
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<LogCapture>(null, LogLevel.Trace);
        });
    }
}
