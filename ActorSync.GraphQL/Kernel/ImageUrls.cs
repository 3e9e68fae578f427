using ActorSync.Tmdb;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Kernel;

/// <summary>Builds absolute TMDB image URLs: <c>TMDB_IMAGE_BASE_URL</c> + size + path.</summary>
public sealed class ImageUrls(IOptions<TmdbOptions> options)
{
    private readonly string _base = options.Value.ImageBaseUrl.EndsWith('/') ? options.Value.ImageBaseUrl : options.Value.ImageBaseUrl + "/";

    /// <summary>Null when TMDB has no image; <paramref name="size"/> is TMDB's size name ("w185", "original").</summary>
    public string? For(string? path, string size) =>
        string.IsNullOrEmpty(path) ? null : _base + size + (path.StartsWith('/') ? path : "/" + path);

    public static string PersonPage(int tmdbId) => $"https://www.themoviedb.org/person/{tmdbId}";

    public static string MoviePage(int tmdbId) => $"https://www.themoviedb.org/movie/{tmdbId}";
}
