namespace ActorSync.Tmdb;

/// <summary>How ActorSync reaches TMDB (DESIGN.md §3; environment variables keep the Ruby app's names).</summary>
public sealed class TmdbOptions
{
    public const string DefaultBaseUrl = "https://api.themoviedb.org/3";
    public const string DefaultImageBaseUrl = "https://image.tmdb.org/t/p/";

    /// <summary><c>TMDB_API_KEY</c>: a v3 key, or a v4 read access token (JWT-shaped, sent as a bearer token).</summary>
    public string? ApiKey { get; set; }

    /// <summary><c>TMDB_MODE</c>: auto (live when a key is set), live, or offline.</summary>
    public TmdbMode Mode { get; set; } = TmdbMode.Auto;

    /// <summary><c>TMDB_BASE_URL</c>.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary><c>TMDB_IMAGE_BASE_URL</c>.</summary>
    public string ImageBaseUrl { get; set; } = DefaultImageBaseUrl;

    /// <summary>The mode in force once <see cref="TmdbMode.Auto"/> is decided.</summary>
    public TmdbMode EffectiveMode => Mode switch
    {
        TmdbMode.Auto => string.IsNullOrWhiteSpace(ApiKey) ? TmdbMode.Offline : TmdbMode.Live,
        _ => Mode,
    };
}

public enum TmdbMode
{
    Auto,
    Live,
    Offline,
}
