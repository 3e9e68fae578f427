using System.Text.Json.Serialization;

namespace ActorSync.Tmdb.Models;

/// <summary><c>GET /movie/{id}?append_to_response=credits</c>.</summary>
public sealed record TmdbMovie
{
    [JsonPropertyName("id")] public required int Id { get; init; }
    [JsonPropertyName("title")] public required string Title { get; init; }
    [JsonPropertyName("original_title")] public string? OriginalTitle { get; init; }
    [JsonPropertyName("original_language")] public string? OriginalLanguage { get; init; }
    [JsonPropertyName("overview")] public string? Overview { get; init; }
    [JsonPropertyName("tagline")] public string? Tagline { get; init; }
    /// <summary>"YYYY-MM-DD", or empty/absent when TMDB has no date.</summary>
    [JsonPropertyName("release_date")] public string? ReleaseDate { get; init; }
    [JsonPropertyName("runtime")] public int? Runtime { get; init; }
    [JsonPropertyName("genres")] public IReadOnlyList<TmdbGenre>? Genres { get; init; }
    [JsonPropertyName("vote_average")] public double? VoteAverage { get; init; }
    [JsonPropertyName("vote_count")] public int? VoteCount { get; init; }
    [JsonPropertyName("popularity")] public double? Popularity { get; init; }
    [JsonPropertyName("poster_path")] public string? PosterPath { get; init; }
    [JsonPropertyName("backdrop_path")] public string? BackdropPath { get; init; }
    [JsonPropertyName("imdb_id")] public string? ImdbId { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("adult")] public bool Adult { get; init; }
    [JsonPropertyName("credits")] public TmdbMovieCredits? Credits { get; init; }
}

/// <summary>The <c>credits</c> of a movie: cast in billing order, and crew.</summary>
public sealed record TmdbMovieCredits
{
    [JsonPropertyName("cast")] public IReadOnlyList<TmdbCastMember> Cast { get; init; } = [];
    [JsonPropertyName("crew")] public IReadOnlyList<TmdbCrewMember> Crew { get; init; } = [];
}

/// <summary>One entry of a movie's <c>credits.cast</c>.</summary>
public sealed record TmdbCastMember
{
    [JsonPropertyName("id")] public required int Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("original_name")] public string? OriginalName { get; init; }
    [JsonPropertyName("gender")] public int? Gender { get; init; }
    [JsonPropertyName("known_for_department")] public string? KnownForDepartment { get; init; }
    [JsonPropertyName("popularity")] public double? Popularity { get; init; }
    [JsonPropertyName("profile_path")] public string? ProfilePath { get; init; }
    [JsonPropertyName("character")] public string? Character { get; init; }
    [JsonPropertyName("order")] public int Order { get; init; }
    [JsonPropertyName("cast_id")] public int? CastId { get; init; }
    [JsonPropertyName("credit_id")] public string? CreditId { get; init; }
    [JsonPropertyName("adult")] public bool Adult { get; init; }
}

/// <summary>One entry of a movie's <c>credits.crew</c>.</summary>
public sealed record TmdbCrewMember
{
    [JsonPropertyName("id")] public required int Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("original_name")] public string? OriginalName { get; init; }
    [JsonPropertyName("gender")] public int? Gender { get; init; }
    [JsonPropertyName("known_for_department")] public string? KnownForDepartment { get; init; }
    [JsonPropertyName("popularity")] public double? Popularity { get; init; }
    [JsonPropertyName("profile_path")] public string? ProfilePath { get; init; }
    [JsonPropertyName("department")] public string? Department { get; init; }
    [JsonPropertyName("job")] public string? Job { get; init; }
    [JsonPropertyName("credit_id")] public string? CreditId { get; init; }
    [JsonPropertyName("adult")] public bool Adult { get; init; }
}
