using System.Text.RegularExpressions;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Architecture;

/// <summary>
/// One configuration model: <c>Settings/EnvironmentVariables.cs</c> maps Render's variables onto section keys, the
/// sections bind to typed options (<c>Composition/SettingsSections.cs</c>), and everything else reads those options
/// (<c>IOptions&lt;T&gt;</c>, or a section read through <c>SettingsSections</c> while services are registered). Read from
/// the source text, like FolderDependencyTests: a key looked up by hand elsewhere would skip the mapping (the variable
/// would not win), the check before listening and the defaults.
/// </summary>
public sealed partial class ConfigurationAccessTests
{
    /// <summary>The projects whose code runs in the app.</summary>
    private static readonly string[] Projects = ["ActorSync.GraphQL", "ActorSync.Tmdb"];

    /// <summary>The folders that turn configuration into typed options: the only ones that may read keys by name.</summary>
    private static readonly string[] SettingsFolders = ["Settings", "Composition"];

    [Fact]
    public void The_hand_built_settings_object_does_not_come_back()
    {
        var found = SourceFiles()
            .Where(file => Path.GetFileName(file.Path) == "ActorSyncSettings.cs" || HandBuiltSettings().IsMatch(File.ReadAllText(file.Path)))
            .Select(file => file.Relative)
            .ToList();
        Assert.True(found.Count == 0, "ActorSyncSettings was replaced by the typed options of each section (Settings/EnvironmentSections.cs); found in:\n" + string.Join("\n", found));
    }

    [Fact]
    public void Only_Settings_and_Composition_read_configuration_keys_or_environment_variables()
    {
        var offenders = SourceFiles()
            .Where(file => !SettingsFolders.Contains(file.Folder))
            .SelectMany(file => Offences(File.ReadAllText(file.Path)).Select(offence => $"{file.Relative}: {offence}"))
            .ToList();
        Assert.True(offenders.Count == 0,
            "Outside Settings/ and Composition/, read typed options (IOptions<T>, or SettingsSections.X.Read in the composition root):\n" + string.Join("\n", offenders));
    }

    [Theory]
    [InlineData("""var url = Environment.GetEnvironmentVariable("REDIS_URL");""")]
    [InlineData("""var all = System.Environment.GetEnvironmentVariables();""")]
    [InlineData("""var port = configuration.GetValue<int>("Server:Port");""")]
    [InlineData("""var port = ConfigurationBinder.GetValue<int?>(config, "PORT");""")]
    [InlineData("""var mode = configuration["Tmdb:Mode"];""")]
    [InlineData("""var mode = builder.Configuration[ "TMDB_MODE" ];""")]
    [InlineData("""var path = _configuration[AssetsPathKey];""")]
    [InlineData("""var path = services.GetRequiredService<IConfiguration>()[AssetsPathKey];""")]
    [InlineData("""var key = config.GetSection("Tmdb")["ApiKey"];""")]
    [InlineData("""var redis = configuration.GetConnectionString("redis");""")]
    public void The_scan_finds_a_key_read_by_hand(string line)
    {
        Assert.NotEmpty(Offences(line));
    }

    [Theory]
    [InlineData("""var limits = provider.GetRequiredService<IOptions<QueryLimitsOptions>>().Value;""")]
    [InlineData("""var redis = SettingsSections.Redis.Read(configuration);""")]
    [InlineData("""configuration.GetSection("Kestrel:Limits").Bind(options.Limits);""")]
    [InlineData("""var value = property.GetValue(options);""")]
    [InlineData("""// Not configuration["X"]: a comment may say what the code does not do.""")]
    [InlineData("""var first = configurations[0];""")]
    public void The_scan_leaves_typed_reads_alone(string line)
    {
        Assert.Empty(Offences(line));
    }

    /// <summary>Each look-up by hand in <paramref name="text"/> (comment lines left out).</summary>
    private static IEnumerable<string> Offences(string text)
    {
        var code = string.Join('\n', text.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        return ByHand().Matches(code).Select(match => match.Value.Trim());
    }

    private static IEnumerable<(string Path, string Relative, string? Folder)> SourceFiles()
    {
        foreach (var project in Projects)
        {
            var root = RepositoryRoot.Combine(project);
            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            {
                var parts = Path.GetRelativePath(root, file).Replace('\\', '/').Split('/');
                if (parts[0] is "bin" or "obj")
                    continue;
                yield return (file, $"{project}/{string.Join('/', parts)}", parts.Length > 1 ? parts[0] : null);
            }
        }
    }

    [GeneratedRegex(@"\bActorSyncSettings\b")]
    private static partial Regex HandBuiltSettings();

    /// <summary>
    /// A variable read directly, <c>GetValue&lt;T&gt;</c> on a key, an indexer on a configuration (<c>configuration["…"]</c>,
    /// <c>GetRequiredService&lt;IConfiguration&gt;()[…]</c>, <c>GetSection("…")["…"]</c>), or a connection string by name.
    /// </summary>
    [GeneratedRegex(@"\bGetEnvironmentVariables?\s*\(|\bGetValue\s*<|\b\w*[Cc]onfiguration\s*\[|IConfiguration>\(\)\s*\[|\.GetSection\([^)]*\)\s*\[|\bGetConnectionString\s*\(")]
    private static partial Regex ByHand();
}
