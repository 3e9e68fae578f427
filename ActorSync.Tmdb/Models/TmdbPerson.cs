using System.Text.Json.Serialization;

namespace ActorSync.Tmdb.Models;

/// <summary><c>GET /person/{id}?append_to_response=movie_credits</c>.</summary>
public sealed record TmdbPerson
{
    [JsonPropertyName("id")] public required int Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("also_known_as")] public IReadOnlyList<string>? AlsoKnownAs { get; init; }
    [JsonPropertyName("biography")] public string? Biography { get; init; }
    [JsonPropertyName("birthday")] public string? Birthday { get; init; }
    [JsonPropertyName("deathday")] public string? Deathday { get; init; }
    [JsonPropertyName("place_of_birth")] public string? PlaceOfBirth { get; init; }
    /// <summary>TMDB codes: 0 unspecified, 1 female, 2 male, 3 non-binary.</summary>
    [JsonPropertyName("gender")] public int? Gender { get; init; }
    [JsonPropertyName("known_for_department")] public string? KnownForDepartment { get; init; }
    [JsonPropertyName("popularity")] public double? Popularity { get; init; }
    [JsonPropertyName("profile_path")] public string? ProfilePath { get; init; }
    [JsonPropertyName("imdb_id")] public string? ImdbId { get; init; }
    [JsonPropertyName("homepage")] public string? Homepage { get; init; }
    [JsonPropertyName("adult")] public bool Adult { get; init; }
    [JsonPropertyName("movie_credits")] public TmdbPersonMovieCredits? MovieCredits { get; init; }
}

/// <summary><c>movie_credits</c> of a person: one entry per role, so a movie may appear more than once.</summary>
public sealed record TmdbPersonMovieCredits
{
    [JsonPropertyName("cast")] public IReadOnlyList<TmdbPersonCastCredit> Cast { get; init; } = [];
    [JsonPropertyName("crew")] public IReadOnlyList<TmdbPersonCrewCredit> Crew { get; init; } = [];
}

/// <summary>A movie as it appears in person credits and search results (TMDB's movie list item).</summary>
public abstract record TmdbMovieListItem
{
    [JsonPropertyName("id")] public required int Id { get; init; }
    [JsonPropertyName("title")] public required string Title { get; init; }
    [JsonPropertyName("original_title")] public string? OriginalTitle { get; init; }
    [JsonPropertyName("original_language")] public string? OriginalLanguage { get; init; }
    [JsonPropertyName("overview")] public string? Overview { get; init; }
    [JsonPropertyName("release_date")] public string? ReleaseDate { get; init; }
    [JsonPropertyName("genre_ids")] public IReadOnlyList<int>? GenreIds { get; init; }
    [JsonPropertyName("vote_average")] public double? VoteAverage { get; init; }
    [JsonPropertyName("vote_count")] public int? VoteCount { get; init; }
    [JsonPropertyName("popularity")] public double? Popularity { get; init; }
    [JsonPropertyName("poster_path")] public string? PosterPath { get; init; }
    [JsonPropertyName("backdrop_path")] public string? BackdropPath { get; init; }
    [JsonPropertyName("adult")] public bool Adult { get; init; }
    [JsonPropertyName("video")] public bool Video { get; init; }
}

/// <summary>An acting role in <c>movie_credits.cast</c>.</summary>
public sealed record TmdbPersonCastCredit : TmdbMovieListItem
{
    [JsonPropertyName("character")] public string? Character { get; init; }
    [JsonPropertyName("order")] public int? Order { get; init; }
    [JsonPropertyName("credit_id")] public string? CreditId { get; init; }
}

/// <summary>A crew job in <c>movie_credits.crew</c>.</summary>
public sealed record TmdbPersonCrewCredit : TmdbMovieListItem
{
    [JsonPropertyName("department")] public string? Department { get; init; }
    [JsonPropertyName("job")] public string? Job { get; init; }
    [JsonPropertyName("credit_id")] public string? CreditId { get; init; }
}
