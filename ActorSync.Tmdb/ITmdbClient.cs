using ActorSync.Tmdb.Models;

namespace ActorSync.Tmdb;

/// <summary>
/// The TMDB v3 calls ActorSync needs. The live HTTP client and the offline snapshot both implement it,
/// so everything above this interface (resolvers, data loaders, caches) cannot tell them apart.
/// </summary>
public interface ITmdbClient
{
    /// <summary><c>GET /person/{id}?append_to_response=movie_credits</c>; null when TMDB has no such person.</summary>
    Task<TmdbPerson?> GetPersonAsync(int personId, CancellationToken cancellationToken = default);

    /// <summary><c>GET /movie/{id}?append_to_response=credits</c>; null when TMDB has no such movie.</summary>
    Task<TmdbMovie?> GetMovieAsync(int movieId, CancellationToken cancellationToken = default);

    /// <summary><c>GET /search/person?query=…&amp;page=…&amp;include_adult=false</c> (pages are 1-based, 20 results each).</summary>
    Task<TmdbSearchPage<TmdbPersonSearchResult>> SearchPeopleAsync(string query, int page, CancellationToken cancellationToken = default);

    /// <summary><c>GET /search/movie?query=…&amp;page=…&amp;include_adult=false</c> (pages are 1-based, 20 results each).</summary>
    Task<TmdbSearchPage<TmdbMovieSearchResult>> SearchMoviesAsync(string query, int page, CancellationToken cancellationToken = default);

    /// <summary><c>GET /configuration</c>: a cheap call that proves TMDB answers with this key (health checks).</summary>
    Task<TmdbConfiguration> GetConfigurationAsync(CancellationToken cancellationToken = default);
}
