using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>
/// Keeps the test process's environment variables out of the apps the tests start. The app reads every environment
/// variable as configuration (<c>REDIS_URL</c>, <c>TMDB_MODE</c>, <c>QueryLimits__MaxCost</c> as
/// <c>QueryLimits:MaxCost</c>, <c>ASPNETCORE_*</c> and <c>DOTNET_*</c> also without their prefix), so a CI job's
/// <c>REDIS_URL</c> or a developer's <c>TMDB_API_KEY</c> would change what a test host does.
/// </summary>
public static class AmbientEnvironment
{
    /// <summary>Prefixes ASP.NET Core's and .NET's hosts strip when they read their own variables.</summary>
    private static readonly string[] HostPrefixes = ["ASPNETCORE_", "DOTNET_"];

    /// <summary>Host settings the factory itself sets (content root, application name, environment): never reset.</summary>
    private static readonly HashSet<string> FactoryOwned = new(StringComparer.OrdinalIgnoreCase)
    {
        WebHostDefaults.ContentRootKey,
        WebHostDefaults.ApplicationKey,
        WebHostDefaults.EnvironmentKey,
    };

    /// <summary>
    /// Gives the app the factory's <paramref name="settings"/> and none of the process environment, in two steps:
    /// <list type="bullet">
    /// <item>Before Program.cs runs: <c>UseSetting</c>, which WebApplicationFactory passes to the app as command-line
    /// arguments, the configuration source added last. Program.cs checks its variables (<c>REDIS_URL</c>,
    /// <c>PORT</c>…) before the app is built, so each key the environment sets is reset there to the app's own value
    /// (appsettings.json), else to empty, which those checks take as unset.</item>
    /// <item>When the app is built: the environment variable sources are removed, and so are those reset arguments
    /// (an empty value would not bind to a number), so the options bound later (<c>QueryLimits:MaxCost</c>…) see
    /// appsettings.json and the factory's settings only.</item>
    /// </list>
    /// </summary>
    public static void UseHermeticSettings(this IWebHostBuilder builder, IReadOnlyDictionary<string, string?> settings)
    {
        var resets = Resets(CurrentVariables(), AppSettings())
            .Where(reset => !settings.ContainsKey(reset.Key))
            .ToDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in resets)
            builder.UseSetting(key, value ?? "");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration(configuration => RemoveEnvironment(configuration.Sources, resets.Keys));
    }

    private static void RemoveEnvironment(IList<IConfigurationSource> sources, IEnumerable<string> resetKeys)
    {
        var reset = resetKeys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var index = sources.Count - 1; index >= 0; index--)
        {
            if (sources[index] is EnvironmentVariablesConfigurationSource)
            {
                sources.RemoveAt(index);
            }
            else if (sources[index] is CommandLineConfigurationSource commandLine)
            {
                // A new source, not an edit: the configuration reloads when an entry of its source list is replaced.
                sources[index] = new CommandLineConfigurationSource
                {
                    Args = [.. commandLine.Args.Where(argument => !reset.Contains(ArgumentKey(argument)))],
                    SwitchMappings = commandLine.SwitchMappings,
                };
            }
        }
    }

    /// <summary>The key of a <c>--key=value</c> argument, as WebApplicationFactory writes host settings.</summary>
    private static string ArgumentKey(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 2 ? argument[2..equals] : "";
    }

    /// <summary>
    /// For each configuration key one of <paramref name="variableNames"/> would set, its value in
    /// <paramref name="appSettings"/>, or null.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Resets(IEnumerable<string> variableNames, IConfiguration appSettings)
    {
        var resets = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in variableNames.SelectMany(ConfigurationKeys).Where(key => !FactoryOwned.Contains(key)))
            resets[key] = appSettings[key];
        return resets;
    }

    /// <summary>The configuration keys a variable maps to: <c>A__B</c> is <c>A:B</c>; a host prefix is also stripped.</summary>
    public static IEnumerable<string> ConfigurationKeys(string variableName)
    {
        var key = variableName.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
        if (key.Length > 0)
            yield return key;
        foreach (var prefix in HostPrefixes)
        {
            if (key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                yield return key[prefix.Length..];
        }
    }

    private static IEnumerable<string> CurrentVariables() =>
        Environment.GetEnvironmentVariables().Keys.OfType<string>().ToList();

    /// <summary>The app's own settings file (the factories' content root is the project folder).</summary>
    private static IConfiguration AppSettings() =>
        new ConfigurationBuilder()
            .AddJsonFile(RepositoryRoot.Combine("ActorSync.GraphQL", "appsettings.json"), optional: true)
            .Build();
}
