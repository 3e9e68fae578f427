using ActorSync.Tmdb;

namespace ActorSync.GraphQL.Settings;

/// <summary>The <c>Tmdb</c> section (set by the <c>TMDB_*</c> variables, <see cref="EnvironmentVariables"/>): which TMDB the instance reads (the mode, the key and the base URLs).</summary>
public static class TmdbSettings
{
    /// <summary>The <c>Tmdb</c> keys now, for the choice of source made while services are registered (bad values are the check's).</summary>
    public static TmdbOptions Read(IConfiguration configuration) => Read(configuration, environment: null, problems: []);

    /// <summary>Fills <paramref name="options"/> (the container's) with the same values <see cref="Read(IConfiguration)"/> gives.</summary>
    public static void Bind(IConfiguration configuration, TmdbOptions options)
    {
        var read = Read(configuration);
        options.ApiKey = read.ApiKey;
        options.Mode = read.Mode;
        options.BaseUrl = read.BaseUrl;
        options.ImageBaseUrl = read.ImageBaseUrl;
    }

    /// <summary>
    /// Reads the TMDB variables, adding one message (naming the variable) per bad value to <paramref name="problems"/>
    /// instead of stopping at the first, so start-up can report every problem at once. With an environment, also
    /// checks that the mode has the key it needs.
    /// </summary>
    public static TmdbOptions Read(IConfiguration configuration, IHostEnvironment? environment, ICollection<SettingProblem> problems)
    {
        configuration = EnvironmentVariables.Mapped(configuration);
        var options = new TmdbOptions { ApiKey = NullIfBlank(configuration["Tmdb:ApiKey"]) };
        var modeKnown = true;
        if (NullIfBlank(configuration["Tmdb:Mode"]) is { } mode)
        {
            switch (mode.ToLowerInvariant())
            {
                case "auto":
                    options.Mode = TmdbMode.Auto;
                    break;
                case "live":
                    options.Mode = TmdbMode.Live;
                    break;
                case "offline":
                    options.Mode = TmdbMode.Offline;
                    break;
                default:
                    problems.Add(new(EnvironmentVariables.VariableOf("Tmdb:Mode"), $"TMDB_MODE must be auto, live or offline; got \"{mode}\"."));
                    modeKnown = false;
                    break;
            }
        }
        if (NullIfBlank(configuration["Tmdb:BaseUrl"]) is { } baseUrl)
            options.BaseUrl = CheckAbsoluteUrl(baseUrl, EnvironmentVariables.VariableOf("Tmdb:BaseUrl"), problems);
        if (NullIfBlank(configuration["Tmdb:ImageBaseUrl"]) is { } imageBaseUrl)
            options.ImageBaseUrl = CheckAbsoluteUrl(imageBaseUrl, EnvironmentVariables.VariableOf("Tmdb:ImageBaseUrl"), problems);

        // With a mode that is not one, whether a key is needed is not known yet: that problem alone is reported.
        if (environment is not null && modeKnown && string.IsNullOrWhiteSpace(options.ApiKey))
        {
            // In Production, only an explicit TMDB_MODE=offline may serve the snapshot: a forgotten key must not go unnoticed.
            if (environment.IsProduction() && options.Mode != TmdbMode.Offline)
                problems.Add(new(EnvironmentVariables.VariableOf("Tmdb:ApiKey"), "TMDB_API_KEY is not set. Set it to a TMDB v3 API key or v4 read access token, or set TMDB_MODE=offline to serve the bundled snapshot."));
            else if (options.Mode == TmdbMode.Live)
                problems.Add(new(EnvironmentVariables.VariableOf("Tmdb:ApiKey"), "TMDB_MODE=live needs TMDB_API_KEY (a TMDB v3 API key or v4 read access token)."));
        }
        return options;
    }

    private static string CheckAbsoluteUrl(string value, string name, ICollection<SettingProblem> problems)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return value;
        problems.Add(new(name, $"{name} must be an absolute http(s) URL; got \"{value}\"."));
        return name == "TMDB_BASE_URL" ? TmdbOptions.DefaultBaseUrl : TmdbOptions.DefaultImageBaseUrl;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
